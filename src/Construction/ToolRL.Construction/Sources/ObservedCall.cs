namespace ToolRL.Construction.Sources;

/// <summary>A call observed while an authored task's golden solution ran: where argument values and tool links come from.</summary>
/// <param name="Task">Index of the authored task.</param>
/// <param name="Index">Position of the call in that task.</param>
/// <param name="ToolName">The tool called.</param>
/// <param name="ArgumentsJson">Its arguments.</param>
/// <param name="Output">Its rendered output.</param>
/// <param name="DependsOn">Indices (in the same task) of the calls whose outputs it consumed.</param>
public sealed record ObservedCall(int Task, int Index, string ToolName, string ArgumentsJson, string Output, IReadOnlyList<int> DependsOn);
