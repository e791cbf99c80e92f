using System.Buffers;
using System.Text;
using System.Text.Json;
using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Trajectories;

/// <summary>
/// Writes and reads <see cref="StepRecord"/>s as single JSON lines (FTRL JSONL), without reflection.
/// Messages use the OpenAI chat shape (<c>tool_calls[].function.arguments</c> as a JSON string,
/// <c>reasoning_content</c> for thinking); tools use <see cref="ToolDefinition.ToOpenAiJson"/>.
/// </summary>
public static class StepRecordJson
{
    /// <summary>The JSON array of OpenAI function tools, as <see cref="StepRecordFields.Tools"/> holds it.</summary>
    public static string ToolsJson(IReadOnlyList<ToolDefinition> tools) => "[" + string.Join(',', tools.Select(t => t.ToOpenAiJson())) + "]";

    /// <summary>The record as one line of compact JSON (no trailing newline).</summary>
    public static string Write(StepRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Json.WriterOptions))
            Write(writer, record);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes the record as one JSON object. <paramref name="toolsJson"/>, when given, is the already rendered
    /// JSON array of <see cref="StepRecord.Tools"/> (exporters cache it per toolset instead of re-rendering it per record).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, StepRecord record, string? toolsJson = null)
    {
        writer.WriteStartObject();
        writer.WriteString(StepRecordFields.TaskId, record.TaskId);
        writer.WriteString(StepRecordFields.Scenario, record.Scenario);
        writer.WriteStartArray(StepRecordFields.Messages);
        foreach (var message in record.Messages)
            WriteMessage(writer, message);
        writer.WriteEndArray();
        if (toolsJson is not null)
        {
            writer.WritePropertyName(StepRecordFields.Tools);
            writer.WriteRawValue(toolsJson, skipInputValidation: true);
        }
        else
        {
            writer.WriteStartArray(StepRecordFields.Tools);
            foreach (var tool in record.Tools)
                writer.WriteRawValue(tool.ToOpenAiJson(), skipInputValidation: true);
            writer.WriteEndArray();
        }
        writer.WriteString(StepRecordFields.ToolImplementation, record.ToolImplementation);
        writer.WriteStartObject(StepRecordFields.Unsolved);
        foreach (var (tool, answers) in record.Unsolved)
        {
            writer.WriteStartArray(tool);
            foreach (var answer in answers)
                writer.WriteStringValue(answer);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteNumber(StepRecordFields.SolveRate, record.SolveRate);
        writer.WriteString(StepRecordFields.GoldAnswer, record.GoldAnswer);
        writer.WriteEndObject();
    }

    /// <summary>Writes one chat message in the OpenAI shape.</summary>
    public static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role);
        if (message.Content is null)
            writer.WriteNull("content");
        else
            writer.WriteString("content", message.Content);
        if (message.Reasoning is not null)
            writer.WriteString("reasoning_content", message.Reasoning);
        if (message.ToolCalls is { Count: > 0 } calls)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                if (call.Id is not null)
                    writer.WriteString("id", call.Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.ArgumentsJson);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (message.ToolCallId is not null)
            writer.WriteString("tool_call_id", message.ToolCallId);
        if (message.Name is not null)
            writer.WriteString("name", message.Name);
        writer.WriteEndObject();
    }

    /// <summary>Parses one JSONL line; throws <see cref="FormatException"/> naming the missing or mistyped field.</summary>
    public static StepRecord Read(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Json.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"A step record line is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("A step record line must be a JSON object.");
            var messages = new List<ChatMessage>();
            foreach (var m in Required(root, StepRecordFields.Messages, JsonValueKind.Array).EnumerateArray())
                messages.Add(ReadMessage(m));
            var tools = new List<ToolDefinition>();
            foreach (var t in Required(root, StepRecordFields.Tools, JsonValueKind.Array).EnumerateArray())
                tools.Add(ReadTool(t));
            var unsolved = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var p in Required(root, StepRecordFields.Unsolved, JsonValueKind.Object).EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array)
                    throw new FormatException($"'{StepRecordFields.Unsolved}.{p.Name}' must be an array of strings.");
                unsolved[p.Name] = p.Value.EnumerateArray().Select(a => a.GetString() ?? "").ToArray();
            }
            return new StepRecord(
                RequiredString(root, StepRecordFields.TaskId),
                RequiredString(root, StepRecordFields.Scenario),
                messages,
                tools,
                RequiredString(root, StepRecordFields.ToolImplementation),
                unsolved,
                Required(root, StepRecordFields.SolveRate, JsonValueKind.Number).GetDouble(),
                RequiredString(root, StepRecordFields.GoldAnswer));
        }
    }

    private static ChatMessage ReadMessage(JsonElement m)
    {
        List<ToolCall>? calls = null;
        if (m.TryGetProperty("tool_calls", out var tc) && tc.ValueKind == JsonValueKind.Array)
        {
            calls = [];
            foreach (var c in tc.EnumerateArray())
            {
                var function = Required(c, "function", JsonValueKind.Object);
                calls.Add(new ToolCall(
                    RequiredString(function, "name"),
                    RequiredString(function, "arguments"),
                    c.TryGetProperty("id", out var id) ? id.GetString() : null));
            }
        }
        return new ChatMessage(
            RequiredString(m, "role"),
            m.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null,
            calls,
            OptionalString(m, "tool_call_id"),
            OptionalString(m, "name"),
            OptionalString(m, "reasoning_content"));
    }

    private static ToolDefinition ReadTool(JsonElement t)
    {
        var function = Required(t, "function", JsonValueKind.Object);
        return new ToolDefinition(
            RequiredString(function, "name"),
            RequiredString(function, "description"),
            Required(function, "parameters", JsonValueKind.Object).GetRawText());
    }

    private static JsonElement Required(JsonElement obj, string name, JsonValueKind kind)
    {
        if (!obj.TryGetProperty(name, out var value))
            throw new FormatException($"A step record is missing the field '{name}'.");
        if (value.ValueKind != kind)
            throw new FormatException($"The step record field '{name}' must be a JSON {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        return value;
    }

    private static string RequiredString(JsonElement obj, string name) => Required(obj, name, JsonValueKind.String).GetString()!;

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
