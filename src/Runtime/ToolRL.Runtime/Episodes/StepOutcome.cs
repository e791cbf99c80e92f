using ToolRL.Tools;

namespace ToolRL.Episodes;

/// <summary>What one assistant turn did in an episode.</summary>
/// <param name="Turn">The turn's 1-based number.</param>
/// <param name="Reward">The reference step reward of the turn.</param>
/// <param name="Calls">The turn's calls with their feedback, in the order executed.</param>
/// <param name="Solved">Sub-questions this turn's calls solved (<c>tmp</c>).</param>
/// <param name="Ended">True when the episode is over after this turn.</param>
/// <param name="EndReason">Why it ended, or null while it goes on.</param>
public sealed record StepOutcome(
    int Turn,
    double Reward,
    IReadOnlyList<ExecutedCall> Calls,
    int Solved,
    bool Ended,
    EpisodeEndReason? EndReason);

/// <summary>One executed call of a turn.</summary>
/// <param name="Call">The call as parsed.</param>
/// <param name="Result">The environment's feedback.</param>
/// <param name="SolvedSubQuestion">True when this call solved a sub-question.</param>
public sealed record ExecutedCall(ToolCall Call, ToolResult Result, bool SolvedSubQuestion);

/// <summary>Why an episode ended.</summary>
public enum EpisodeEndReason
{
    /// <summary>The assistant answered (a turn without parsed tool calls).</summary>
    Answered,
    /// <summary>The turn limit was reached.</summary>
    MaxTurns,
}
