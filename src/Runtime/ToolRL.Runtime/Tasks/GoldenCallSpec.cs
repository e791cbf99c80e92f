namespace ToolRL.Tasks;

/// <summary>
/// One node of a task's golden call graph, as the generator derives it from the task body at compile time.
/// </summary>
/// <param name="Index">Position of the call in execution order (0-based).</param>
/// <param name="ToolName">The tool's model-facing name.</param>
/// <param name="DependsOn">Indices of earlier calls whose outputs this call consumes as arguments.</param>
public sealed record GoldenCallSpec(int Index, string ToolName, IReadOnlyList<int> DependsOn);
