using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Rewards;
using ToolRL.Tasks;
using ToolRL.Tools;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rl.Rollouts;

/// <summary>
/// One step record in the spirit of FTRL's: the state before an assistant turn — the messages so far, the
/// tools, the unsolved set and solve rate, the final gold answer — and the turn the policy took there with its
/// reward. Each record is an RL prompt: training samples new next turns for <see cref="Prompt"/> and scores them
/// with <see cref="StepRewardReplay"/> from <see cref="PriorTurns"/>. Unlike FTRL, which saves a record after each
/// turn with tool calls, the first turn's state (before any call) is recorded too.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Turn">The 1-based turn number taken at this state.</param>
/// <param name="Prompt">The conversation before the turn.</param>
/// <param name="Tools">The tools offered.</param>
/// <param name="PriorTurns">The earlier assistant turns, parsed, to rebuild the environment state by replay.</param>
/// <param name="Unsolved">Tool name → gold sub-answers not yet obtained, before the turn.</param>
/// <param name="SolveRate">Fraction of sub-questions solved before the turn.</param>
/// <param name="FinalAnswer">The task's gold answer.</param>
/// <param name="Taken">The turn the policy took.</param>
/// <param name="Reward">Its step reward.</param>
/// <param name="Solved">Sub-questions its calls solved.</param>
public sealed record StepRecord(
    string TaskId, int Turn, IReadOnlyList<ChatMessage> Prompt, IReadOnlyList<ToolDefinition> Tools,
    IReadOnlyList<ParsedTurn> PriorTurns, IReadOnlyDictionary<string, IReadOnlyList<string>> Unsolved, double SolveRate,
    string FinalAnswer, PolicyTurn Taken, double Reward, int Solved);

/// <summary>A finished episode: its steps, the full conversation and the paper's metrics.</summary>
/// <param name="Task">The task.</param>
/// <param name="Steps">One record per assistant turn.</param>
/// <param name="Messages">The whole conversation.</param>
/// <param name="Metrics">Solved, calls made, sub-questions.</param>
/// <param name="EndReason">Answered or turn limit.</param>
public sealed record EpisodeTrajectory(
    EnvironmentTask Task, IReadOnlyList<StepRecord> Steps, IReadOnlyList<ChatMessage> Messages,
    EpisodeMetrics Metrics, EpisodeEndReason? EndReason);
