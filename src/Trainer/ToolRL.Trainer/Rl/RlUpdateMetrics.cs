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

    /// <summary>The statistics back from a record <see cref="Of"/> made.</summary>
    public static RlUpdateStats StatsOf(StepMetrics r) => new()
    {
        MeanReward = r[MetricNames.RewardMean], Kl = r[MetricNames.Kl], Entropy = r[MetricNames.Entropy], PolicyLoss = r[MetricNames.PolicyLoss],
        TotalLoss = r[MetricNames.TotalLoss], ClipFraction = r[MetricNames.ClipFraction], GradNorm = r[MetricNames.GradNorm],
        TokensPerSecond = r[MetricNames.TokensPerSecond], ResponseTokens = (long)r[MetricNames.ResponseTokens],
    };
}
