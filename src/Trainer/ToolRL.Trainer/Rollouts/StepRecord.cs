using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Tools;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rollouts;

/// <summary>
/// One assistant turn of an episode and the state before it, in the spirit of FTRL's step record: the conversation
/// the policy saw, the tools, the earlier turns, the unsolved set and solve rate; then the turn taken and what the
/// environment made of it. Every record is an RL prompt: <see cref="Rl.GroupSampler"/> samples new turns for
/// <see cref="Request"/> and scores them at <see cref="State"/> after replaying <see cref="PriorTurns"/>. Unlike
/// FTRL, which saves a record after each turn with tool calls, the first turn's state (before any call) is recorded
/// too. The on-disk FTRL schema is <see cref="ToolRL.Trajectories.StepRecord"/>; <c>collect</c> maps to it.
/// </summary>
/// <param name="Task">The task and its environment.</param>
/// <param name="Prompt">The conversation before the turn, exactly as the policy was given it.</param>
/// <param name="PriorTurns">The earlier assistant turns, parsed: replaying their calls rebuilds the tools' state.</param>
/// <param name="State">The unsolved set, solve rate and final answer before the turn, under the episode's solve rule.</param>
/// <param name="Taken">The turn taken.</param>
/// <param name="Outcome">Its reward, executed calls and solved sub-questions.</param>
public sealed record StepRecord(
    EpisodeTask Task, IReadOnlyList<ChatMessage> Prompt, IReadOnlyList<ParsedTurn> PriorTurns, RecordedState State,
    PolicyTurn Taken, StepOutcome Outcome)
{
    /// <summary>The 1-based number of the turn taken.</summary>
    public int Turn => Outcome.Turn;

    /// <summary>The tools offered.</summary>
    public IReadOnlyList<ToolDefinition> Tools => Task.Environment.Tools;

    /// <summary>The step reward of the turn taken.</summary>
    public double Reward => Outcome.Reward;

    /// <summary>Sub-questions its calls solved.</summary>
    public int Solved => Outcome.Solved;

    /// <summary>The record as a policy request: the RL prompt.</summary>
    public PolicyRequest Request => new(Prompt, Tools);

    /// <summary>The state of <paramref name="episode"/> before its next turn.</summary>
    internal static RecordedState StateOf(Episode episode) =>
        new(episode.Unsolved.Snapshot(), episode.Unsolved.SolveRate, episode.Task.FinalAnswer);
}
