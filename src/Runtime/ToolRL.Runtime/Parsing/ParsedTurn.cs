using ToolRL.Tools;

namespace ToolRL.Parsing;

/// <summary>One assistant turn split into its parts, as the reference's <c>parse_qwen</c> splits it.</summary>
/// <param name="Content">
/// The reference's <c>content</c>: the stripped text before the first <c>&lt;tool_call&gt;</c> when a call parsed,
/// otherwise the whole stripped text. A leading think block stays in it (the chat template splits it off)
/// unless <see cref="HermesParserOptions.SeparateThinking"/> is set.
/// </param>
/// <param name="Reasoning">The leading <c>&lt;think&gt;</c> block's text under <see cref="HermesParserOptions.SeparateThinking"/>, otherwise null.</param>
/// <param name="ToolCalls">The calls that parsed, in order.</param>
/// <param name="HasToolCallMarkup">
/// <see cref="Content"/> contains <c>&lt;tool_call&gt;</c>, <c>&lt;/tool_call&gt;</c> or <c>&lt;tool_parsed_response&gt;</c>:
/// with no parsed call this is the paper's "malformed call" case (reward −0.3).
/// </param>
public sealed record ParsedTurn(string Content, string? Reasoning, IReadOnlyList<ToolCall> ToolCalls, bool HasToolCallMarkup)
{
    /// <summary>True when at least one tool call parsed.</summary>
    public bool HasToolCalls => ToolCalls.Count > 0;
}
