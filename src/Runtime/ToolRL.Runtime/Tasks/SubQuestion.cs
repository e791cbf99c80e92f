namespace ToolRL.Tasks;

/// <summary>One atomic sub-question of a loaded task: its golden call and gold sub-answer.</summary>
/// <param name="Index">Position in execution order.</param>
/// <param name="ToolName">The tool that answers it.</param>
/// <param name="ArgumentsJson">The golden call's arguments as JSON (after earlier outputs were substituted).</param>
/// <param name="DependsOn">Indices of the sub-questions whose answers this call consumes.</param>
/// <param name="Answer">The gold sub-answer: the golden call's rendered output, or the rendered member of it that the task consumes (<see cref="GoldenCallSpec.SubAnswer"/>).</param>
public sealed record SubQuestion(int Index, string ToolName, string ArgumentsJson, IReadOnlyList<int> DependsOn, string Answer);
