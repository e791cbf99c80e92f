using TorchSharp;
using static TorchSharp.torch;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Rl;

/// <summary>What the actor loss needs for one (micro-)batch; every tensor is <c>[batch, response tokens]</c>.</summary>
/// <param name="LogProb">Current policy log-probs of the response tokens (with gradient).</param>
/// <param name="OldLogProb">Log-probs under the policy that sampled the responses (no gradient).</param>
/// <param name="RefLogProb">Log-probs under the frozen reference model; null when the KL loss is off.</param>
/// <param name="Advantages">Per-token advantages.</param>
/// <param name="ResponseMask">1 on valid response tokens.</param>
/// <param name="Entropy">Per-token entropy of the current policy (with gradient); null when the entropy bonus is off.</param>
internal sealed record ObjectiveInputs(
    Tensor LogProb, Tensor OldLogProb, Tensor? RefLogProb, Tensor Advantages, Tensor ResponseMask, Tensor? Entropy);

/// <summary>The actor loss and its parts. <see cref="Total"/> carries the gradient; the rest are detached scalars.</summary>
internal sealed record LossTerms(
    Tensor Total, Tensor PolicyLoss, Tensor Entropy, Tensor Kl, Tensor ClipFraction, Tensor ApproxKl, Tensor ClipFractionLower)
    : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var t in new[] { Total, PolicyLoss, Entropy, Kl, ClipFraction, ApproxKl, ClipFractionLower })
            t.Dispose();
    }
}

/// <summary>
/// verl's actor loss (<c>dp_actor.update_policy</c>): <c>total = pg − entropy_coeff·H + kl_coef·KL</c>, each term
/// aggregated over valid tokens with the same mode.
/// </summary>
internal static class PolicyObjective
{
    /// <summary>Computes the loss terms.</summary>
    public static LossTerms Compute(ObjectiveInputs inputs, RlLossOptions settings, LossNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        using var scope = NewDisposeScope();
        var mask = inputs.ResponseMask.to_type(ScalarType.Float32);

        using var pg = PpoClipLoss.Compute(inputs.OldLogProb, inputs.LogProb, inputs.Advantages, mask,
            settings.Clip, settings.Aggregation, normalizer);
        var total = pg.Loss.alias();

        var entropy = torch.zeros(1).squeeze();
        if (inputs.Entropy is not null)
        {
            entropy = LossAggregation.Aggregate(inputs.Entropy, mask, settings.Aggregation, normalizer);
            if (settings.EntropyCoefficient != 0)
                total = total - entropy.Times(settings.EntropyCoefficient);
        }
        else if (settings.EntropyCoefficient != 0)
            throw new ArgumentException("The entropy coefficient is non-zero but no entropy was given.", nameof(inputs));

        var kl = torch.zeros(1).squeeze();
        if (settings.UseKlLoss)
        {
            if (inputs.RefLogProb is null)
                throw new ArgumentException("The KL loss is on but no reference log-probs were given.", nameof(inputs));
            var perToken = KlPenalty.Compute(inputs.LogProb, inputs.RefLogProb, settings.KlEstimator);
            kl = LossAggregation.Aggregate(perToken, mask, settings.Aggregation, normalizer);
            total = total + kl.Times(settings.KlCoefficient);
        }

        return new LossTerms(
            total.MoveToOuterDisposeScope(),
            pg.Loss.detach().MoveToOuterDisposeScope(),
            entropy.detach().MoveToOuterDisposeScope(),
            kl.detach().MoveToOuterDisposeScope(),
            pg.ClipFraction.alias().MoveToOuterDisposeScope(),
            pg.ApproxKl.alias().MoveToOuterDisposeScope(),
            pg.ClipFractionLower.alias().MoveToOuterDisposeScope());
    }
}
