using TorchSharp;
using static TorchSharp.torch;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Rl;

/// <summary>How a <c>[batch, tokens]</c> loss matrix becomes a scalar (verl's <c>loss_agg_mode</c>).</summary>
public enum LossAggregationMode
{
    /// <summary><c>token-mean</c>: Σ over every valid token of the batch / number of valid tokens (the default here).</summary>
    TokenMean,
    /// <summary><c>seq-mean-token-sum</c>: mean over responses of each response's token sum.</summary>
    SeqMeanTokenSum,
    /// <summary><c>seq-mean-token-mean</c>: mean over responses of each response's token mean (FTRL's verl config default).</summary>
    SeqMeanTokenMean,
}

/// <summary>
/// The totals a loss is normalized by. When a mini-batch is split into micro-batches for memory, pass the
/// mini-batch's totals so that the summed micro-batch losses equal the loss of the whole mini-batch exactly
/// (verl instead averages per-micro-batch means; the two agree when micro-batches hold equal token counts).
/// </summary>
/// <param name="ValidTokens">Valid response tokens in the whole (mini-)batch.</param>
/// <param name="Sequences">Responses in the whole (mini-)batch.</param>
internal readonly record struct LossNormalizer(double ValidTokens, double Sequences)
{
    /// <summary>The totals of one batch on its own.</summary>
    public static LossNormalizer Of(Tensor responseMask) =>
        new(responseMask.sum().item<float>(), responseMask.shape[0]);
}

/// <summary>verl's <c>agg_loss</c>.</summary>
internal static class LossAggregation
{
    /// <summary>Reduces <paramref name="lossMatrix"/> over the valid positions of <paramref name="mask"/>.</summary>
    public static Tensor Aggregate(Tensor lossMatrix, Tensor mask, LossAggregationMode mode, LossNormalizer? normalizer = null)
    {
        var totals = normalizer ?? LossNormalizer.Of(mask);
        if (totals.ValidTokens <= 0 || totals.Sequences <= 0)
            throw new ArgumentException("The batch has no valid response token; there is no loss to aggregate.", nameof(mask));

        using var scope = NewDisposeScope();
        var masked = lossMatrix * mask;
        Tensor loss = mode switch
        {
            LossAggregationMode.TokenMean => masked.sum().DividedBy(totals.ValidTokens),
            LossAggregationMode.SeqMeanTokenSum => masked.sum(-1).sum().DividedBy(totals.Sequences),
            LossAggregationMode.SeqMeanTokenMean => (masked.sum(-1) / mask.sum(-1).AtLeast(1.0)).sum().DividedBy(totals.Sequences),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>Parses verl's names <c>token-mean</c>, <c>seq-mean-token-sum</c>, <c>seq-mean-token-mean</c>.</summary>
    public static LossAggregationMode Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "token-mean" or "tokenmean" => LossAggregationMode.TokenMean,
        "seq-mean-token-sum" or "seqmeantokensum" => LossAggregationMode.SeqMeanTokenSum,
        "seq-mean-token-mean" or "seqmeantokenmean" => LossAggregationMode.SeqMeanTokenMean,
        _ => throw new ArgumentException(
            $"Unknown loss aggregation '{name}'; use token-mean, seq-mean-token-sum or seq-mean-token-mean.", nameof(name)),
    };
}
