using ToolRL.Rewards;

namespace ToolRL.Episodes;

/// <summary>How an <see cref="Episode"/> is run and scored.</summary>
public sealed record EpisodeOptions
{
    /// <summary>Assistant turns before the episode ends; the reference uses 20.</summary>
    public int MaxTurns { get; init; } = 20;

    /// <summary>How turns with tool calls are scored; the paper's default is F1.</summary>
    public StepRewardVariant RewardVariant { get; init; } = StepRewardVariant.F1;

    /// <summary>The defaults.</summary>
    public static EpisodeOptions Default { get; } = new();
}
