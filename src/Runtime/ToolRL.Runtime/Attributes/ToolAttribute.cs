namespace ToolRL;

/// <summary>
/// Marks a scenario interface method as a tool. The tool's description comes from the method's
/// <c>&lt;summary&gt;</c> and each parameter's from its <c>&lt;param&gt;</c> doc comment.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ToolAttribute : Attribute
{
    /// <summary>Tool name as the model sees it. Default: the method name in snake_case (<c>GetCapital</c> → <c>get_capital</c>).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// A noun phrase naming what one call answers, with <c>{parameter}</c> holes, e.g.
    /// <c>"the capital of {country}"</c>. Used to compose natural-language questions automatically.
    /// </summary>
    public string? Phrase { get; set; }
}
