namespace ToolRL.Parsing;

/// <summary>
/// Departures from the reference parser, each off by default. The defaults reproduce FTRL's <c>parse_qwen</c>
/// exactly, which is what rewards must be comparable with.
/// </summary>
public sealed record HermesParserOptions
{
    /// <summary>
    /// Treat a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block (or a <c>&lt;/think&gt;</c> closing a block the
    /// prompt opened) as reasoning: it leaves <see cref="ParsedTurn.Content"/>, tags inside it are neither calls
    /// nor malformed markup, and a gold answer inside it is not a final answer. The reference has no think
    /// handling: a <c>&lt;tool_call&gt;</c> mentioned while thinking starts its call scan there, which usually
    /// drops the real calls after it (a −0.3 turn for a Qwen3 thinking model).
    /// </summary>
    public bool SeparateThinking { get; init; }

    /// <summary>Keep only the first block, as <c>parse_qwen(…, one_tool_only=True)</c>.</summary>
    public bool OneToolOnly { get; init; }

    /// <summary>The reference behaviour.</summary>
    public static HermesParserOptions Reference { get; } = new();
}
