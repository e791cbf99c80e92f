using ToolRL.Parsing;
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
    /// Which outputs can solve a sub-question, for the reward and <see cref="Episode.Metrics"/>; the reference
    /// rule by default. The episode tracks both rules' metrics whichever is chosen.
    /// </summary>
    public SolveRule SolveRule { get; init; } = SolveRule.Reference;

    /// <summary>How <see cref="Episode.StepAsync(string, System.Threading.CancellationToken)"/> parses text; the reference parser by default.</summary>
    public HermesParserOptions Parser { get; init; } = HermesParserOptions.Reference;

    /// <summary>The defaults.</summary>
    public static EpisodeOptions Default { get; } = new();
}
