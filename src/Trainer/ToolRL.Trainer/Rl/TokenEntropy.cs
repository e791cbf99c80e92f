using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>Categorical entropy per position, as verl's <c>entropy_from_logits</c>.</summary>
public static class TokenEntropy
{
    /// <summary>
    /// <c>H = logsumexp(z) − Σ softmax(z)·z</c> over the last (vocabulary) dimension: <c>[batch, tokens, vocab]</c>
    /// logits give <c>[batch, tokens]</c> entropies in nats. Differentiable.
    /// </summary>
    public static Tensor FromLogits(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var probabilities = logits.softmax(-1);
        var entropy = logits.logsumexp(-1) - (probabilities * logits).sum(-1);
        return entropy.MoveToOuterDisposeScope();
    }
}
