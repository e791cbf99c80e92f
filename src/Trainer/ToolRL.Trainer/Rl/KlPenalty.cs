using TorchSharp;
using static TorchSharp.torch;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Rl;

/// <summary>Per-token KL between the policy and the frozen reference, as verl's <c>kl_penalty</c>.</summary>
internal static class KlPenalty
{
    /// <summary>verl clamps <c>ref − logp</c> to ±20 before the exponential, for stability.</summary>
    public const double LogRatioClamp = 20.0;

    /// <summary>verl clamps the k3 value to [−10, 10].</summary>
    public const double K3Clamp = 10.0;

    /// <summary>The per-token estimate, same shape as the inputs; differentiable in <paramref name="logProb"/>.</summary>
    public static Tensor Compute(Tensor logProb, Tensor refLogProb, KlEstimator estimator = KlEstimator.LowVarK3)
    {
        using var scope = NewDisposeScope();
        Tensor result = estimator switch
        {
            KlEstimator.K1 => logProb - refLogProb,
            KlEstimator.Abs => (logProb - refLogProb).abs(),
            KlEstimator.K2 => (logProb - refLogProb).square().Times(0.5),
            KlEstimator.LowVarK3 => LowVariance(logProb, refLogProb),
            _ => throw new ArgumentOutOfRangeException(nameof(estimator)),
        };
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor LowVariance(Tensor logProb, Tensor refLogProb)
    {
        var kl = (refLogProb - logProb).ClampedTo(-LogRatioClamp, LogRatioClamp);
        var k3 = (kl.exp() - kl).Plus(-1.0);
        return k3.ClampedTo(-K3Clamp, K3Clamp);
    }
}
