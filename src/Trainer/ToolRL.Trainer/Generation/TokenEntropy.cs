using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Generation;

/// <summary>Categorical entropy per position (verl's <c>entropy_from_logits</c>), from log-probabilities.</summary>
internal static class TokenEntropy
{
    /// <summary>
    /// <c>H = −Σ p·log p</c> over the last (vocabulary) dimension: <c>[batch, tokens, vocab]</c> log-probabilities give
    /// <c>[batch, tokens]</c> entropies in nats. Differentiable. Takes log-probabilities, not logits, because the
    /// scorer already holds them for the token log-probs.
    /// </summary>
    public static Tensor FromLogProbs(Tensor logProbs)
    {
        using var scope = NewDisposeScope();
        var entropy = -(logProbs.exp() * logProbs).sum(-1);
        return entropy.MoveToOuterDisposeScope();
    }
}
