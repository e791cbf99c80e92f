using ToolRL.Tools;

namespace ToolRL.Conversations;

/// <summary>
/// One message of a tool-use conversation, in the OpenAI chat shape that Qwen chat templates render.
/// </summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">The text; for <c>tool</c> messages the tool's feedback.</param>
/// <param name="ToolCalls">Calls an assistant message made, or null.</param>
/// <param name="ToolCallId">For <c>tool</c> messages in OpenAI transcripts, the call answered.</param>
/// <param name="Name">For <c>tool</c> messages, the tool's name.</param>
/// <param name="Reasoning">Qwen3 thinking text of an assistant message (<c>reasoning_content</c>), or null.</param>
public sealed record ChatMessage(
    string Role,
    string? Content,
    IReadOnlyList<ToolCall>? ToolCalls = null,
    string? ToolCallId = null,
    string? Name = null,
    string? Reasoning = null)
{
    /// <summary>A system message.</summary>
    public static ChatMessage System(string content) => new(ChatRoles.System, content);
    /// <summary>A user message.</summary>
    public static ChatMessage User(string content) => new(ChatRoles.User, content);
    /// <summary>An assistant message, with optional tool calls and thinking text.</summary>
    public static ChatMessage Assistant(string? content, IReadOnlyList<ToolCall>? toolCalls = null, string? reasoning = null) =>
        new(ChatRoles.Assistant, content, toolCalls, Reasoning: reasoning);
    /// <summary>A tool-result message.</summary>
    public static ChatMessage Tool(string name, string content, string? toolCallId = null) =>
        new(ChatRoles.Tool, content, ToolCallId: toolCallId, Name: name);
}

/// <summary>The chat role names.</summary>
public static class ChatRoles
{
    /// <summary>The <c>system</c> role.</summary>
    public const string System = "system";
    /// <summary>The <c>user</c> role.</summary>
    public const string User = "user";
    /// <summary>The <c>assistant</c> role.</summary>
    public const string Assistant = "assistant";
    /// <summary>The <c>tool</c> role.</summary>
    public const string Tool = "tool";
}
