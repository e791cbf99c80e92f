namespace ToolRL;

/// <summary>
/// Marks a <c>partial interface</c> as a tool-use scenario. The source generator emits, next to it,
/// a <c>{Name}Scenario</c> class with the tools' OpenAI schemas, a Markdown page, a reflection-free
/// dispatcher and the scenario's task descriptors.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class ScenarioAttribute(string name) : Attribute
{
    /// <summary>Short identifier of the scenario, e.g. <c>"travel"</c>; used in task ids and file names.</summary>
    public string Name { get; } = name;
}
