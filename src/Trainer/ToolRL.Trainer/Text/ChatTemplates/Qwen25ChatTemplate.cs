using System.Text;
using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// The chat template of the Qwen2.5 instruct checkpoints: a default system text when none is given, tools in the
/// system turn, <c>&lt;tool_call&gt;</c> blocks after the content. It has no thinking: reasoning text is not rendered.
/// </summary>
public sealed class Qwen25ChatTemplate : QwenChatTemplate
{
    /// <summary>The system text Qwen2.5 uses when the conversation has none.</summary>
    public const string DefaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    /// <summary>The shared instance (the template is stateless).</summary>
    public static Qwen25ChatTemplate Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "qwen2.5";

    /// <summary>
    /// Quoted: Qwen2.5 always writes <c>tool_call.arguments | tojson</c>, so a string becomes a JSON string literal
    /// (<c>"{\"city\":\"Paris\"}"</c>), as HF renders it.
    /// </summary>
    protected override string FormatStringArguments(string arguments)
    {
        var sb = new StringBuilder(arguments.Length + 8);
        TemplateJson.WriteString(arguments, sb);
        return sb.ToString();
    }

    /// <inheritdoc />
    protected override void RenderConversation(StringBuilder sb, IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition> tools, ChatTemplateOptions options)
    {
        bool leadingSystem = messages.Count > 0 && messages[0].Role == ChatRoles.System;
        string system = leadingSystem ? messages[0].Content ?? "" : DefaultSystem;
        if (tools.Count > 0)
        {
            sb.Append("<|im_start|>system\n").Append(system).Append("\n\n").Append(ToolsIntro);
            AppendToolLines(sb, tools);
            sb.Append(ToolsOutro);
        }
        else
        {
            AppendTurn(sb, ChatRoles.System, system);
        }

        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            switch (m.Role)
            {
                case ChatRoles.User:
                case ChatRoles.System when i > 0:
                case ChatRoles.Assistant when !HasToolCalls(m):
                    AppendTurn(sb, m.Role, m.Content);
                    break;
                case ChatRoles.Assistant:
                    sb.Append("<|im_start|>assistant");
                    if (!string.IsNullOrEmpty(m.Content)) sb.Append('\n').Append(m.Content);
                    foreach (var call in m.ToolCalls!) sb.Append('\n').Append(FormatToolCall(call));
                    sb.Append("<|im_end|>\n");
                    break;
                case ChatRoles.Tool:
                    AppendToolResponse(sb, messages, i);
                    break;
            }
        }

        if (options.AddGenerationPrompt) sb.Append("<|im_start|>assistant\n");
    }
}
