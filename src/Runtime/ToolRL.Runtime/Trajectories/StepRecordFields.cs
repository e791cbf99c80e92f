namespace ToolRL.Trajectories;

/// <summary>The JSON field names of a <see cref="StepRecord"/> line, shared by writer, reader and exporters.</summary>
public static class StepRecordFields
{
    /// <summary><c>task_id</c>.</summary>
    public const string TaskId = "task_id";
    /// <summary><c>scenario</c>.</summary>
    public const string Scenario = "scenario";
    /// <summary><c>messages</c>: array of chat messages.</summary>
    public const string Messages = "messages";
    /// <summary><c>tools</c>: array of OpenAI function tools.</summary>
    public const string Tools = "tools";
    /// <summary><c>tool_implementation</c>: reference to the local implementation.</summary>
    public const string ToolImplementation = "tool_implementation";
    /// <summary><c>unsolved_set</c>: object tool name → array of gold sub-answers.</summary>
    public const string Unsolved = "unsolved_set";
    /// <summary><c>solve_rate</c>.</summary>
    public const string SolveRate = "solve_rate";
    /// <summary><c>gold_answer</c>.</summary>
    public const string GoldAnswer = "gold_answer";
}
