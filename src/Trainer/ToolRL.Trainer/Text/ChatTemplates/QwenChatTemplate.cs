using System.Text;
using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// A Qwen chat template with tools, written in C# (no Jinja at run time). Subclasses reproduce the
/// checkpoints' own Jinja <c>chat_template</c> character for character; the parity tests render the same
/// conversations with the Jinja source in an independent engine.
/// </summary>
public abstract class QwenChatTemplate
{
    /// <summary>The text of the tool block after the system text, before the tools' JSON lines.</summary>
    protected const string ToolsIntro =
        "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n<tools>";

    /// <summary>The text of the tool block after the tools' JSON lines, closing the system turn.</summary>
    protected const string ToolsOutro =
        "\n</tools>\n\nFor each function call, return a json object with function name and arguments within " +
        "<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n" +
        "</tool_call><|im_end|>\n";

    /// <summary>A short name, e.g. <c>qwen3</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Renders <paramref name="messages"/> (and <paramref name="tools"/>, when any) as the template does.
    /// Throws <see cref="ArgumentException"/> for a role the template cannot render or tool-call arguments that are not JSON.
    /// </summary>
    public string Render(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition>? tools = null, ChatTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= ChatTemplateOptions.Prompt;
        for (int i = 0; i < messages.Count; i++)
        {
            var role = messages[i]?.Role ?? throw new ArgumentException($"Message {i} is null.", nameof(messages));
            if (role is not (ChatRoles.System or ChatRoles.User or ChatRoles.Assistant or ChatRoles.Tool))
                throw new ArgumentException($"Message {i} has role '{role}'; a Qwen chat template renders only system, user, assistant and tool.", nameof(messages));
            // The templates would silently drop these; refuse rather than lose them.
            if (role != ChatRoles.Assistant && (messages[i].ToolCalls is { Count: > 0 } || messages[i].Reasoning is not null))
                throw new ArgumentException($"Message {i} ({role}) carries tool calls or reasoning; only assistant messages can.", nameof(messages));
        }
        var sb = new StringBuilder(256 + messages.Sum(m => m.Content?.Length ?? 0));
        RenderConversation(sb, messages, tools ?? [], options);
        return sb.ToString();
    }

    /// <summary>
    /// Splits the rendering of <paramref name="history"/> + <paramref name="assistant"/> into the prompt (with the
    /// generation prompt) and the assistant turn the model should write: the SFT target for that message.
    /// </summary>
    public ChatCompletionText RenderCompletion(
        IReadOnlyList<ChatMessage> history, ChatMessage assistant, IReadOnlyList<ToolDefinition>? tools = null, bool? enableThinking = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(assistant);
        if (assistant.Role != ChatRoles.Assistant)
            throw new ArgumentException($"A completion is an assistant message, not '{assistant.Role}'.", nameof(assistant));
        string prompt = Render(history, tools, new ChatTemplateOptions(AddGenerationPrompt: true, enableThinking));
        string full = Render([.. history, assistant], tools, new ChatTemplateOptions(AddGenerationPrompt: false, enableThinking));
        const string end = "<|im_end|>\n";
        if (!full.StartsWith(prompt, StringComparison.Ordinal) || !full.EndsWith(end, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"The {Name} template does not render this assistant message as a continuation of the generation prompt " +
                "(e.g. reasoning text with enable_thinking=false, whose prompt pre-fills an empty think block).");
        return new ChatCompletionText(prompt, full[prompt.Length..^1]);
    }

    /// <summary>Appends the whole rendering.</summary>
    protected abstract void RenderConversation(StringBuilder sb, IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition> tools, ChatTemplateOptions options);

    /// <summary>Appends one JSON line per tool, each preceded by a newline, as <c>tool | tojson</c> writes it.</summary>
    protected static void AppendToolLines(StringBuilder sb, IReadOnlyList<ToolDefinition> tools)
    {
        foreach (var tool in tools)
        {
            sb.Append('\n').Append(TemplateJson.Render(tool.ToOpenAiJson(), $"the schema of tool '{tool.Name}'"));
        }
    }

    /// <summary>
    /// One call as this template writes it: <c>&lt;tool_call&gt;\n{"name": "…", "arguments": …}\n&lt;/tool_call&gt;</c>.
    /// The name is inserted verbatim (the templates do not escape it). Object arguments are written as
    /// <c>arguments | tojson</c> (<see cref="TemplateJson"/>); arguments that arrived as a string
    /// (<see cref="ToolCall.ArgumentsAreString"/>) as <see cref="FormatStringArguments"/> says.
    /// </summary>
    public string FormatToolCall(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        string arguments = call.ArgumentsAreString
            ? FormatStringArguments(call.ArgumentsJson)
            : TemplateJson.Render(call.ArgumentsJson, $"the arguments of the call to '{call.Name}'");
        return "<tool_call>\n{\"name\": \"" + call.Name + "\", \"arguments\": " + arguments + "}\n</tool_call>";
    }

    /// <summary>How the template writes tool-call arguments that are a string, not an object.</summary>
    protected abstract string FormatStringArguments(string arguments);

    /// <summary>Appends a tool result; consecutive tool messages share one user turn.</summary>
    protected static void AppendToolResponse(StringBuilder sb, IReadOnlyList<ChatMessage> messages, int i)
    {
        if (i == 0 || messages[i - 1].Role != ChatRoles.Tool) sb.Append("<|im_start|>user");
        sb.Append("\n<tool_response>\n").Append(messages[i].Content ?? "").Append("\n</tool_response>");
        if (i == messages.Count - 1 || messages[i + 1].Role != ChatRoles.Tool) sb.Append("<|im_end|>\n");
    }

    /// <summary>Appends a plain turn: <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>.</summary>
    protected static void AppendTurn(StringBuilder sb, string role, string? content) =>
        sb.Append("<|im_start|>").Append(role).Append('\n').Append(content ?? "").Append("<|im_end|>\n");

    /// <summary>True when the message carries at least one tool call (an empty list counts as none, as in Jinja).</summary>
    protected static bool HasToolCalls(ChatMessage m) => m.ToolCalls is { Count: > 0 };
}
