namespace ToolRL.Tools;

/// <summary>
/// A tool's typed signature as the generator saw it: what automatic task composition, function
/// integration and complexity scaling work from (the model sees <see cref="ToolDefinition"/>).
/// </summary>
/// <param name="Name">Model-facing tool name.</param>
/// <param name="MethodName">The interface method's name.</param>
/// <param name="Phrase">The <see cref="ToolAttribute.Phrase"/> template, or null.</param>
/// <param name="Parameters">The parameters in declaration order (a CancellationToken parameter is not listed).</param>
/// <param name="ReturnType">The fully qualified C# return type, e.g. <c>string</c> or <c>global::Travel.Forecast</c>.</param>
public sealed record ToolSignature(string Name, string MethodName, string? Phrase, IReadOnlyList<ToolParameter> Parameters, string ReturnType);

/// <summary>One tool parameter.</summary>
/// <param name="Name">The JSON argument name (the C# parameter name).</param>
/// <param name="ClrType">The fully qualified C# type.</param>
/// <param name="JsonType">The JSON-schema type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>array</c> or <c>object</c>.</param>
/// <param name="Required">False for nullable or defaulted parameters.</param>
/// <param name="Description">From the <c>&lt;param&gt;</c> doc comment.</param>
/// <param name="EnumValues">For enum parameters, the accepted names; otherwise null.</param>
/// <param name="DefaultJson">The default value as JSON for defaulted parameters; otherwise null.</param>
public sealed record ToolParameter(
    string Name,
    string ClrType,
    string JsonType,
    bool Required,
    string Description,
    IReadOnlyList<string>? EnumValues = null,
    string? DefaultJson = null);

/// <summary>One fact of a facts-only scenario: the tool returns <paramref name="Output"/> for <paramref name="ArgumentsJson"/>.</summary>
/// <param name="ToolName">Model-facing tool name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object.</param>
/// <param name="Output">The rendered output.</param>
public sealed record ToolFact(string ToolName, string ArgumentsJson, string Output);
