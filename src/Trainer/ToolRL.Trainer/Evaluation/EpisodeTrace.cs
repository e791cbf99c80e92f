using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Rewards;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Evaluation;

/// <summary>One assistant turn of an episode: what the policy wrote and what the environment made of it.</summary>
/// <param name="Turn">The policy's output.</param>
/// <param name="Outcome">The step's reward and executed calls.</param>
public sealed record TraceStep(PolicyTurn Turn, StepOutcome Outcome);

/// <summary>A finished episode: the conversation, each step, and the paper's metrics.</summary>
/// <param name="Task">The task and environment.</param>
/// <param name="Messages">The whole conversation as the policy saw it, last turn included.</param>
/// <param name="Steps">Each assistant turn in order.</param>
/// <param name="Metrics">Solved, calls made, sub-questions, under the episode options' solve rule.</param>
/// <param name="EndReason">Why it ended.</param>
public sealed record EpisodeTrace(
    EvaluationTask Task,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<TraceStep> Steps,
    EpisodeMetrics Metrics,
    EpisodeEndReason EndReason)
{
    /// <summary>The same episode under <see cref="SolveRule.Strict"/>: only returned values solved.</summary>
    public EpisodeMetrics StrictMetrics { get; init; } = Metrics;
}
