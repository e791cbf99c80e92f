using ToolRL.Tools;

namespace ToolRL.Parsing;

/// <summary>One assistant turn split into its parts.</summary>
/// <param name="Content">Text outside tool-call blocks (before the first block), trimmed; the whole text when no call survived.</param>
/// <param name="Reasoning">The text of a leading Qwen3 <c>&lt;think&gt;…&lt;/think&gt;</c> block, or null.</param>
/// <param name="ToolCalls">The calls that parsed (valid JSON with a name), in order.</param>
/// <param name="HasToolCallMarkup">
/// The text contains <c>&lt;tool_call&gt;</c>, <c>&lt;/tool_call&gt;</c> or <c>&lt;tool_parsed_response&gt;</c>:
/// with no parsed call this is the paper's "malformed call" case (reward −0.3).
/// </param>
public sealed record ParsedTurn(string Content, string? Reasoning, IReadOnlyList<ToolCall> ToolCalls, bool HasToolCallMarkup)
{
    /// <summary>True when at least one tool call parsed.</summary>
    public bool HasToolCalls => ToolCalls.Count > 0;
}
