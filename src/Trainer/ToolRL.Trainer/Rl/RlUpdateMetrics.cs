using ToolRL.Rewards;
using ToolRL.Trainer.Rollouts;
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

    /// <summary>An RL step's record: the update's statistics, the rollout episodes' Solve-P/R/F1 and how many step records were sampled.</summary>
    public static Dictionary<string, double> Of(RlUpdateStats stats, IReadOnlyList<EpisodeTrace> episodes, int records)
    {
        var metrics = Of(stats);
        (metrics[MetricNames.RolloutSolveP], metrics[MetricNames.RolloutSolveR], metrics[MetricNames.RolloutSolveF1]) =
            EpisodeMetrics.Average(episodes.Select(e => e.Metrics).ToArray());
        metrics[MetricNames.Records] = records;
        return metrics;
    }

    /// <summary>The statistics back from a record <see cref="Of(RlUpdateStats)"/> made.</summary>
    public static RlUpdateStats StatsOf(StepMetrics r) => new()
    {
        MeanReward = r[MetricNames.RewardMean], Kl = r[MetricNames.Kl], Entropy = r[MetricNames.Entropy], PolicyLoss = r[MetricNames.PolicyLoss],
        TotalLoss = r[MetricNames.TotalLoss], ClipFraction = r[MetricNames.ClipFraction], GradNorm = r[MetricNames.GradNorm],
        TokensPerSecond = r[MetricNames.TokensPerSecond], ResponseTokens = (long)r[MetricNames.ResponseTokens],
    };
}
