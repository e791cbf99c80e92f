using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Trajectories;

/// <summary>
/// One record of the FTRL trajectory schema (PAPER.md §2): the state of an episode after a turn with tool
/// calls, or at its start. Each record is one RL prompt; the policy is trained on its next assistant turn.
/// Serialized by <see cref="StepRecordJson"/> as one JSON line with snake_case field names.
/// </summary>
/// <param name="TaskId">The task's stable id.</param>
/// <param name="Scenario">The scenario (environment) name, including a variant suffix for scaled variants.</param>
/// <param name="Messages">The message history so far (at the start: the user's question, after an optional system message).</param>
/// <param name="Tools">The tools offered to the model.</param>
/// <param name="ToolImplementation">Where the tools' local implementation lives, e.g. <c>toolrl:travel</c> or <c>toolrl:travel@variant</c>.</param>
/// <param name="Unsolved">The unsolved set: tool name → gold sub-answers not yet obtained.</param>
/// <param name="SolveRate">Fraction of sub-questions solved so far.</param>
/// <param name="GoldAnswer">The task's final gold answer.</param>
public sealed record StepRecord(
    string TaskId,
    string Scenario,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<ToolDefinition> Tools,
    string ToolImplementation,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Unsolved,
    double SolveRate,
    string GoldAnswer);
