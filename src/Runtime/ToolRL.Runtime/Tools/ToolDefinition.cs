namespace ToolRL.Tools;

/// <summary>
/// A tool as the model sees it: the OpenAI function schema's name, description and JSON-schema parameters.
/// </summary>
/// <param name="Name">Tool name, e.g. <c>get_capital</c>.</param>
/// <param name="Description">What the tool does, from the method's summary.</param>
/// <param name="ParametersSchema">The JSON schema (an <c>"object"</c> schema) of the arguments, as compact JSON text.</param>
public sealed record ToolDefinition(string Name, string Description, string ParametersSchema)
{
    /// <summary>
    /// The OpenAI function-tool JSON: <c>{"type":"function","function":{"name":…,"description":…,"parameters":…}}</c>,
    /// the shape Qwen chat templates and OpenAI-compatible servers take.
    /// </summary>
    public string ToOpenAiJson() =>
        "{\"type\":\"function\",\"function\":{\"name\":" + Json.Quote(Name) +
        ",\"description\":" + Json.Quote(Description) +
        ",\"parameters\":" + ParametersSchema + "}}";
}
