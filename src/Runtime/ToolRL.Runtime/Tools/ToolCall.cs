namespace ToolRL.Tools;

/// <summary>One tool call as the model made it.</summary>
/// <param name="Name">The tool name the model wrote.</param>
/// <param name="ArgumentsJson">The arguments as JSON text; normally an object, <c>{}</c> when the model gave none.</param>
/// <param name="Id">Call id for OpenAI-style transcripts; null for Hermes text calls.</param>
public sealed record ToolCall(string Name, string ArgumentsJson, string? Id = null)
{
    /// <summary>
    /// True when the arguments arrived as a JSON <em>string</em> (OpenAI-style structured calls, whose
    /// <c>arguments</c> is a string) rather than as an object. Chat templates then see a string, as HF's do:
    /// Qwen3's writes it verbatim, Qwen2.5's <c>tojson</c> quotes it. False (the default) means an object
    /// given as JSON text, e.g. parsed from a Hermes <c>&lt;tool_call&gt;</c> block.
    /// </summary>
    public bool ArgumentsAreString { get; init; }
}
