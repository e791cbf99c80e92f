using ToolRL.Trainer.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Generation;

/// <summary>Per-token log-probs and entropies of responses; differentiable (call under no_grad for reference models).</summary>
internal static class SequenceLogProbs
{
    /// <summary>
    /// For each response token y_j: log p(y_j | prompt, y_&lt;j) under log_softmax(logits / temperature), and the
    /// entropy of that distribution; both [B, R] fp32, zero where <see cref="LogProbBatch.ResponseMask"/> is 0.
    /// Only response positions go through lm_head. With <paramref name="sharedPrefix"/> [P], every row of
    /// <paramref name="batch"/> continues those tokens and they run once (<see cref="CausalLM.HiddenAfterSharedPrefix"/>).
    /// </summary>
    public static (Tensor LogProbs, Tensor Entropy) Compute(CausalLM model, LogProbBatch batch, double temperature = 1.0, Tensor? sharedPrefix = null)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0.");
        using var scope = NewDisposeScope();
        var hidden = sharedPrefix is null
            ? model.Hidden(batch.InputIds, batch.Positions, batch.AttentionMask)
            : model.HiddenAfterSharedPrefix(sharedPrefix, batch.InputIds, batch.Positions, batch.AttentionMask);
        // The logits at column t predict the token at column t + 1.
        var responseHidden = hidden.narrow(1, batch.PromptLength - 1, batch.ResponseLength);
        var logits = model.Logits(responseHidden).to(ScalarType.Float32);
        if (temperature != 1.0) logits = logits.DividedBy(temperature);
        var logProbsAll = logits.log_softmax(-1);
        var tokenLogProbs = logProbsAll.gather(-1, batch.ResponseIds.unsqueeze(-1)).squeeze(-1) * batch.ResponseMask;
        var entropy = TokenEntropy.FromLogProbs(logProbsAll) * batch.ResponseMask;
        return (tokenLogProbs.MoveToOuterDisposeScope(), entropy.MoveToOuterDisposeScope());
    }
}
