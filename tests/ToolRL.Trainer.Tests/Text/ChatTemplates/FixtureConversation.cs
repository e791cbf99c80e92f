using System.Text.Json;
using ToolRL.Conversations;
using ToolRL.Tools;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

/// <summary>One conversation of fixtures/chat-conversations.json, read into the Runtime contract's types.</summary>
internal sealed record FixtureConversation(string Name, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<ToolDefinition> Tools, ChatTemplateOptions Options)
{
    public static IReadOnlyList<FixtureConversation> LoadAll()
    {
        using var doc = TextFixtures.ReadJson(Path.Combine(TextFixtures.SourceDirectory, "chat-conversations.json"));
        return doc.RootElement.GetProperty("conversations").EnumerateArray().Select(Read).ToList();
    }

    private static FixtureConversation Read(JsonElement c)
    {
        var tools = c.GetProperty("tools").EnumerateArray()
            .Select(t => new ToolDefinition(t.GetProperty("name").GetString()!, t.GetProperty("description").GetString()!, t.GetProperty("parameters").GetRawText()))
            .ToList();
        var messages = c.GetProperty("messages").EnumerateArray().Select(ReadMessage).ToList();
        bool? thinking = c.TryGetProperty("enable_thinking", out var e) ? e.GetBoolean() : null;
        return new FixtureConversation(c.GetProperty("name").GetString()!, messages, tools,
            new ChatTemplateOptions(c.GetProperty("add_generation_prompt").GetBoolean(), thinking));
    }

    private static ChatMessage ReadMessage(JsonElement m)
    {
        string? Text(string name) => m.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<ToolCall>? calls = m.TryGetProperty("tool_calls", out var tc)
            ? tc.EnumerateArray().Select(x => new ToolCall(x.GetProperty("name").GetString()!, x.GetProperty("arguments").GetString()!)
            {
                // OpenAI-style: the arguments arrived as a JSON string and reach the template as that string.
                ArgumentsAreString = x.TryGetProperty("arguments_are_string", out var s) && s.GetBoolean(),
            }).ToList()
            : null;
        return new ChatMessage(Text("role")!, Text("content"), calls, Name: Text("name"), Reasoning: Text("reasoning_content"));
    }
}
