namespace ToolRL.Construction.Composition;

/// <summary>One call of a task being composed: its tool, argument values, the call it consumes, and once run its output.</summary>
internal sealed class PlannedCall(ComposableTool tool, DomainValue[] arguments, int dependsOn, int dependentSlot)
{
    public ComposableTool Tool { get; } = tool;
    public DomainValue[] Arguments { get; } = arguments;

    /// <summary>Index (in the task) of the call whose output fills <see cref="DependentSlot"/>; -1 for none.</summary>
    public int DependsOn { get; set; } = dependsOn;
    public int DependentSlot { get; } = dependentSlot;
    public string ArgumentsJson { get; set; } = "";
    public string Output { get; set; } = "";
    public string Phrase { get; set; } = "";

    /// <summary>Canonical text of the call for ordering and de-duplication.</summary>
    public string Key => Tool.Name + "(" + string.Join(',', Arguments.Select(a => a.Json)) + ")";
}
