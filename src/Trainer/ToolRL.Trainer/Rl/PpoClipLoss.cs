using TorchSharp;
using static TorchSharp.torch;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Rl;

/// <summary>The PPO clip ranges. Defaults are the paper's ε = 0.2 and verl's dual-clip constant 3.0.</summary>
/// <param name="Low">Lower clip: the ratio is clamped at <c>1 − Low</c>.</param>
/// <param name="High">Upper clip: the ratio is clamped at <c>1 + High</c>.</param>
/// <param name="DualClip">
/// verl's <c>clip_ratio_c</c> (dual-clip PPO, Ye et al. 2019): for a negative advantage the per-token loss is at
/// most <c>−A·c</c>, so a ratio that has grown huge on a bad action cannot blow the loss up. Must exceed 1.
/// </param>
public sealed record ClipRange(double Low = 0.2, double High = 0.2, double DualClip = 3.0)
{
    /// <summary>Rejects ranges verl rejects.</summary>
    public void Validate()
    {
        if (Low is < 0 or >= 1)
            throw new ArgumentException($"Clip low {Low} must be in [0, 1).");
        if (High < 0)
            throw new ArgumentException($"Clip high {High} must be ≥ 0.");
        if (DualClip <= 1)
            throw new ArgumentException($"The dual-clip constant {DualClip} must be greater than 1.");
    }
}

/// <summary>The clipped surrogate and its diagnostics (scalars).</summary>
/// <param name="Loss">The aggregated policy-gradient loss.</param>
/// <param name="ClipFraction">Share of valid tokens where the clipped term was chosen.</param>
/// <param name="ApproxKl">Masked mean of <c>old − new</c> log-prob (verl's <c>ppo_kl</c>).</param>
/// <param name="ClipFractionLower">Share of valid tokens where the dual clip bound applied.</param>
internal sealed record PolicyLossOutput(Tensor Loss, Tensor ClipFraction, Tensor ApproxKl, Tensor ClipFractionLower) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Loss.Dispose();
        ClipFraction.Dispose();
        ApproxKl.Dispose();
        ClipFractionLower.Dispose();
    }
}

/// <summary>verl's <c>compute_policy_loss</c> (the "vanilla" PPO clipped surrogate with dual clip).</summary>
internal static class PpoClipLoss
{
    /// <summary>verl clamps the log-ratio to ±20 before exponentiating.</summary>
    public const double LogRatioClamp = 20.0;

    /// <summary>
    /// Per token: <c>ratio = exp(clamp(logp − old, ±20))</c>; <c>l1 = −A·ratio</c>; <c>l2 = −A·clamp(ratio, 1−low, 1+high)</c>;
    /// <c>l = max(l1, l2)</c>; for <c>A &lt; 0</c>, <c>l = min(l, −A·c)</c>. Then aggregated over valid tokens.
    /// </summary>
    public static PolicyLossOutput Compute(
        Tensor oldLogProb, Tensor logProb, Tensor advantages, Tensor responseMask,
        ClipRange? clip = null, LossAggregationMode aggregation = LossAggregationMode.TokenMean, LossNormalizer? normalizer = null)
    {
        clip ??= new ClipRange();
        clip.Validate();
        using var scope = NewDisposeScope();
        var logRatio = (logProb - oldLogProb).ClampedTo(-LogRatioClamp, LogRatioClamp);
        var ratio = logRatio.exp();
        var approxKl = MaskedStatistics.Mean(-logRatio, responseMask);

        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.ClampedTo(1 - clip.Low, 1 + clip.High);
        var clippedLoss = torch.maximum(unclipped, clipped);
        var clipFraction = MaskedStatistics.Mean(clipped.gt(unclipped).to_type(ScalarType.Float32), responseMask);

        var dualBound = (-advantages).Times(clip.DualClip);
        var dualClipped = torch.minimum(dualBound, clippedLoss);
        var negative = advantages.LessThan(0.0);
        var clipFractionLower = MaskedStatistics.Mean(
            (clippedLoss.gt(dualBound) & negative).to_type(ScalarType.Float32), responseMask);

        var perToken = torch.where(negative, dualClipped, clippedLoss);
        var loss = LossAggregation.Aggregate(perToken, responseMask, aggregation, normalizer);
        return new PolicyLossOutput(
            loss.MoveToOuterDisposeScope(), clipFraction.detach().MoveToOuterDisposeScope(),
            approxKl.detach().MoveToOuterDisposeScope(), clipFractionLower.detach().MoveToOuterDisposeScope());
    }
}
