using TorchSharp;
using static TorchSharp.torch;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Generation;

/// <summary>Picks the next token per row from last-position logits: greedy, or temperature + top-k + top-p sampling.</summary>
internal static class TokenSampler
{
    /// <summary>
    /// logits [B, V] (any float dtype). Returns tokens [B] (int64) and their log-probs [B] (fp32) under
    /// log_softmax(logits / T) — before top-k/top-p truncation, so they equal what
    /// <see cref="SequenceLogProbs"/> computes at the same temperature. Greedy uses T = 1.
    /// </summary>
    public static (Tensor Tokens, Tensor LogProbs) Sample(Tensor logits, GenerationOptions options, torch.Generator? generator)
    {
        using var scope = NewDisposeScope();
        var scaled = logits.to(ScalarType.Float32);
        if (!options.Greedy && options.Temperature != 1.0) scaled = scaled.DividedBy(options.Temperature);
        var logProbs = scaled.log_softmax(-1);
        Tensor tokens;
        if (options.Greedy)
        {
            tokens = scaled.argmax(-1);
        }
        else
        {
            var filtered = scaled;
            long vocab = scaled.shape[^1];
            if (options.TopK > 0 && options.TopK < vocab)
            {
                var kth = scaled.topk(options.TopK, -1).values.narrow(-1, options.TopK - 1, 1);
                filtered = filtered.FilledWhere(filtered.lt(kth), double.NegativeInfinity);
            }
            if (options.TopP < 1.0)
            {
                var (sorted, order) = filtered.sort(-1, descending: true);
                var probs = sorted.softmax(-1);
                // Drop a token when the mass before it already reaches p; the top token always stays.
                var removeSorted = (probs.cumsum(-1) - probs).GreaterOrEqual(options.TopP);
                var remove = removeSorted.scatter(-1, order, removeSorted);
                filtered = filtered.FilledWhere(remove, double.NegativeInfinity);
            }
            tokens = filtered.softmax(-1).multinomial(1, false, generator).squeeze(-1);
        }
        var chosen = logProbs.gather(-1, tokens.unsqueeze(-1)).squeeze(-1);
        return (tokens.MoveToOuterDisposeScope(), chosen.MoveToOuterDisposeScope());
    }
}
