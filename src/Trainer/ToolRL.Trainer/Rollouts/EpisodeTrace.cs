using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Rewards;

namespace ToolRL.Trainer.Rollouts;

/// <summary>A finished episode: the conversation, a record per assistant turn, and the paper's metrics.</summary>
/// <param name="Task">The task and environment.</param>
/// <param name="Messages">The whole conversation as the policy saw it, last turn included.</param>
/// <param name="Steps">One record per assistant turn, in order.</param>
/// <param name="Metrics">Solved, calls made, sub-questions, under the episode options' solve rule.</param>
/// <param name="StrictMetrics">The same under <see cref="SolveRule.Strict"/>: only returned values solved.</param>
/// <param name="EndReason">Why it ended.</param>
public sealed record EpisodeTrace(
    EpisodeTask Task,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<StepRecord> Steps,
    EpisodeMetrics Metrics,
    EpisodeMetrics StrictMetrics,
    EpisodeEndReason EndReason);
