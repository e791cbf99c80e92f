using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Sft;

/// <summary>What an SFT phase did, read back from its <c>metrics.jsonl</c> records.</summary>
/// <param name="Losses">Mean assistant-token cross-entropy of each step's batch, before that step's update.</param>
/// <param name="TrainedTokens">Assistant tokens trained on over all steps.</param>
/// <param name="ProcessedTokens">All tokens (context included) run through the model.</param>
/// <param name="Elapsed">Time in the steps (of the processes that ran them).</param>
public sealed record SftResult(IReadOnlyList<double> Losses, long TrainedTokens, long ProcessedTokens, TimeSpan Elapsed)
{
    /// <summary>Tokens (context included) per second.</summary>
    public double TokensPerSecond => ProcessedTokens / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>The result of the steps logged under <paramref name="phase"/> in <paramref name="records"/>.</summary>
    internal static SftResult Of(IReadOnlyList<StepMetrics> records, string phase)
    {
        var steps = records.Where(r => r.Phase == phase).ToArray();
        return new SftResult(
            steps.Select(r => r[MetricNames.Loss]).ToArray(),
            steps.Sum(r => (long)r[MetricNames.TargetTokens]),
            steps.Sum(r => (long)r[MetricNames.Tokens]),
            TimeSpan.FromSeconds(steps.Sum(r => r[MetricNames.Tokens] / r[MetricNames.TokensPerSecond])));
    }
}
