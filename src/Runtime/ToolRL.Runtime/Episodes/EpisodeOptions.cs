using ToolRL.Rewards;

namespace ToolRL.Episodes;

/// <summary>How an <see cref="Episode"/> is run and scored.</summary>
public sealed record EpisodeOptions
{
    /// <summary>Assistant turns before the episode ends; the reference uses 20.</summary>
    public int MaxTurns { get; init; } = 20;

    /// <summary>How turns with tool calls are scored; the paper's default is F1.</summary>
    public StepRewardVariant RewardVariant { get; init; } = StepRewardVariant.F1;

    /// <summary>
    /// When true, only calls that ran successfully can solve a sub-question. The reference (default false)
    /// checks every call's output, error text included, and error text can echo model-written text (e.g.
    /// an unexpected argument's name), which a policy could exploit to collect gold answers.
    /// </summary>
    public bool SolveOnlyOnSuccess { get; init; }

    /// <summary>The defaults.</summary>
    public static EpisodeOptions Default { get; } = new();
}
