using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Rl;

/// <summary>An update's statistics as a metrics record's values, under <see cref="MetricNames"/>.</summary>
internal static class RlUpdateMetrics
{
    public static Dictionary<string, double> Of(RlUpdateStats stats) => new()
    {
        [MetricNames.RewardMean] = stats.MeanReward,
        [MetricNames.Kl] = stats.Kl,
        [MetricNames.Entropy] = stats.Entropy,
        [MetricNames.PolicyLoss] = stats.PolicyLoss,
        [MetricNames.TotalLoss] = stats.TotalLoss,
        [MetricNames.ClipFraction] = stats.ClipFraction,
        [MetricNames.GradNorm] = stats.GradNorm,
        [MetricNames.TokensPerSecond] = stats.TokensPerSecond,
        [MetricNames.ResponseTokens] = stats.ResponseTokens,
    };
}
