using System.Text;
using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// The chat template of the Qwen3 checkpoints (as shipped in their tokenizer_config.json): tools in the system
/// turn, <c>&lt;think&gt;</c> blocks kept only for assistant turns after the last real user query, an empty
/// think block in the generation prompt when <c>enable_thinking</c> is false.
/// </summary>
public sealed class Qwen3ChatTemplate : QwenChatTemplate
{
    /// <summary>The shared instance (the template is stateless).</summary>
    public static Qwen3ChatTemplate Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "qwen3";

    /// <inheritdoc />
    protected override void RenderConversation(StringBuilder sb, IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition> tools, ChatTemplateOptions options)
    {
        bool leadingSystem = messages.Count > 0 && messages[0].Role == ChatRoles.System;
        if (tools.Count > 0)
        {
            sb.Append("<|im_start|>system\n");
            if (leadingSystem) sb.Append(messages[0].Content ?? "").Append("\n\n");
            sb.Append(ToolsIntro);
            AppendToolLines(sb, tools);
            sb.Append(ToolsOutro);
        }
        else if (leadingSystem)
        {
            AppendTurn(sb, ChatRoles.System, messages[0].Content);
        }

        int lastQuery = LastQueryIndex(messages);
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            switch (m.Role)
            {
                case ChatRoles.User:
                    AppendTurn(sb, m.Role, m.Content);
                    break;
                case ChatRoles.System when i > 0:
                    AppendTurn(sb, m.Role, m.Content);
                    break;
                case ChatRoles.Assistant:
                    AppendAssistant(sb, m, renderThinking: i > lastQuery, isLast: i == messages.Count - 1);
                    break;
                case ChatRoles.Tool:
                    AppendToolResponse(sb, messages, i);
                    break;
            }
        }

        if (options.AddGenerationPrompt)
        {
            sb.Append("<|im_start|>assistant\n");
            if (options.EnableThinking == false) sb.Append("<think>\n\n</think>\n\n");
        }
    }

    /// <summary>Verbatim: <c>{%- if tool_call.arguments is string %}{{- tool_call.arguments }}</c>.</summary>
    protected override string FormatStringArguments(string arguments) => arguments;

    // The last user message that is a real query, not tool results written as a user turn.
    private static int LastQueryIndex(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            var m = messages[i];
            string content = m.Content ?? "";
            if (m.Role == ChatRoles.User && !(content.StartsWith("<tool_response>", StringComparison.Ordinal) && content.EndsWith("</tool_response>", StringComparison.Ordinal)))
                return i;
        }
        return messages.Count - 1;
    }

    private void AppendAssistant(StringBuilder sb, ChatMessage m, bool renderThinking, bool isLast)
    {
        string original = m.Content ?? "";
        string content = original;
        string reasoning = "";
        if (m.Reasoning is not null)
        {
            reasoning = m.Reasoning;
        }
        else if (original.Contains("</think>", StringComparison.Ordinal))
        {
            // Reasoning written inline in the content: split it off as the template does.
            content = original.Split("</think>")[^1].TrimStart('\n');
            reasoning = original.Split("</think>")[0].TrimEnd('\n').Split("<think>")[^1].TrimStart('\n');
        }

        sb.Append("<|im_start|>assistant\n");
        if (renderThinking && (isLast || reasoning.Length > 0))
            sb.Append("<think>\n").Append(reasoning.Trim('\n')).Append("\n</think>\n\n").Append(content.TrimStart('\n'));
        else
            sb.Append(content);

        if (HasToolCalls(m))
        {
            for (int j = 0; j < m.ToolCalls!.Count; j++)
            {
                if (j > 0 || content.Length > 0) sb.Append('\n');
                sb.Append(FormatToolCall(m.ToolCalls[j]));
            }
        }
        sb.Append("<|im_end|>\n");
    }
}
