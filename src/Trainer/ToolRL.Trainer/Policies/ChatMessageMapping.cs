using System.Text.Json;
using ToolRL.Tools;
using AI = Microsoft.Extensions.AI;
using RuntimeMessage = ToolRL.Conversations.ChatMessage;
using RuntimeRoles = ToolRL.Conversations.ChatRoles;

namespace ToolRL.Trainer.Policies;

/// <summary>Converts conversations and tools between the Runtime's shapes and Microsoft.Extensions.AI's.</summary>
internal static class ChatMessageMapping
{
    /// <summary>
    /// The Microsoft.Extensions.AI messages of a conversation. Assistant tool calls become
    /// <see cref="AI.FunctionCallContent"/>; tool messages become <see cref="AI.FunctionResultContent"/>. Calls
    /// without ids (Hermes text calls) get ids <c>call_{turn}_{index}</c>, and tool messages without a call id are
    /// paired with the preceding assistant turn's calls in order — the OpenAI wire format needs the pairing.
    /// </summary>
    public static List<AI.ChatMessage> ToChatClient(IReadOnlyList<RuntimeMessage> messages)
    {
        var result = new List<AI.ChatMessage>(messages.Count);
        var pendingIds = new Queue<(string Id, string Name)>();
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            switch (m.Role)
            {
                case RuntimeRoles.System:
                    result.Add(new AI.ChatMessage(AI.ChatRole.System, m.Content ?? ""));
                    break;
                case RuntimeRoles.User:
                    result.Add(new AI.ChatMessage(AI.ChatRole.User, m.Content ?? ""));
                    break;
                case RuntimeRoles.Assistant:
                    pendingIds.Clear();
                    var contents = new List<AI.AIContent>();
                    if (!string.IsNullOrEmpty(m.Content))
                        contents.Add(new AI.TextContent(m.Content));
                    var calls = m.ToolCalls ?? [];
                    for (var c = 0; c < calls.Count; c++)
                    {
                        var id = calls[c].Id ?? $"call_{i}_{c}";
                        pendingIds.Enqueue((id, calls[c].Name));
                        contents.Add(new AI.FunctionCallContent(id, calls[c].Name, ParseArguments(calls[c])));
                    }
                    result.Add(new AI.ChatMessage(AI.ChatRole.Assistant, contents));
                    break;
                case RuntimeRoles.Tool:
                    var callId = m.ToolCallId;
                    if (callId is null)
                    {
                        if (pendingIds.Count == 0)
                            throw new ArgumentException(
                                $"Message {i} is a tool result with no call id and no unanswered call before it.", nameof(messages));
                        callId = pendingIds.Dequeue().Id;
                    }
                    result.Add(new AI.ChatMessage(AI.ChatRole.Tool, [new AI.FunctionResultContent(callId, m.Content ?? "")]));
                    break;
                default:
                    throw new ArgumentException($"Message {i} has unknown role '{m.Role}'.", nameof(messages));
            }
        }
        return result;
    }

    /// <summary>Function declarations for the tools (name, description, JSON schema), never invocable here.</summary>
    public static List<AI.AITool> ToChatClient(IReadOnlyList<ToolDefinition> tools)
    {
        var result = new List<AI.AITool>(tools.Count);
        foreach (var tool in tools)
        {
            JsonElement schema;
            try
            {
                schema = JsonDocument.Parse(tool.ParametersSchema).RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"Tool '{tool.Name}' has a parameters schema that is not JSON: {e.Message}", nameof(tools), e);
            }
            result.Add(AI.AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, schema));
        }
        return result;
    }

    /// <summary>
    /// Calls of a response as Runtime <see cref="ToolCall"/>s, marked <see cref="ToolCall.ArgumentsAreString"/>
    /// (OpenAI's <c>arguments</c> is a string): the server's own argument text when the response carries it
    /// (an OpenAI <c>ChatToolCall</c>), else the parsed arguments re-serialized as compact JSON.
    /// </summary>
    public static IReadOnlyList<ToolCall> ToolCallsOf(IEnumerable<AI.ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents).OfType<AI.FunctionCallContent>()
            .Select(c => new ToolCall(c.Name, RawArguments(c) ?? SerializeArguments(c.Arguments), c.CallId) { ArgumentsAreString = true })
            .ToArray();

    private static string? RawArguments(AI.FunctionCallContent call) =>
        call.RawRepresentation is OpenAI.Chat.ChatToolCall { FunctionArguments: { } raw } ? raw.ToString() : null;

    private static Dictionary<string, object?> ParseArguments(ToolCall call)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(call.ArgumentsJson) ? "{}" : call.ArgumentsJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var p in doc.RootElement.EnumerateObject())
                    args[p.Name] = p.Value.Clone();
        }
        catch (JsonException)
        {
            // The model wrote arguments that are not JSON; the environment already answered with an error.
            // Keep the raw text so the transcript sent back is faithful.
            args["_raw"] = call.ArgumentsJson;
        }
        return args;
    }

    private static string SerializeArguments(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
            return "{}";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonElement e: e.WriteTo(writer); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int n: writer.WriteNumberValue(n); break;
            case long n: writer.WriteNumberValue(n); break;
            case double n: writer.WriteNumberValue(n); break;
            case float n: writer.WriteNumberValue(n); break;
            case decimal n: writer.WriteNumberValue(n); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
