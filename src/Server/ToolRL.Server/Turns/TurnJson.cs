using ToolRL.Episodes;
using ToolRL.PythonSemantics;
using ToolRL.Server.Hosting;
using ToolRL.Tools;

namespace ToolRL.Server.Turns;

/// <summary>Reads assistant turns from requests and writes executed calls, shared by the turn and score endpoints.</summary>
internal static class TurnJson
{
    /// <summary>
    /// The assistant turn in <paramref name="body"/>: raw Hermes text in <c>response</c> (or <c>text</c>), or an
    /// OpenAI-style message as <c>content</c> plus <c>tool_calls</c>. Parsed exactly as in process: model output
    /// never makes this fail, only a request without either shape.
    /// </summary>
    public static Parsing.ParsedTurn ReadTurn(PyValue body, Parsing.HermesParserOptions parser, string where)
    {
        var text = RequestJson.OptionalString(body, "response", where) ?? RequestJson.OptionalString(body, "text", where);
        if (text is not null)
            return Parsing.ToolCallParser.ParseHermes(text, parser);
        var calls = body.Get("tool_calls");
        var content = RequestJson.OptionalString(body, "content", where);
        if (calls is null && content is null)
            throw ApiException.BadRequest($"{where} needs the assistant turn: \"response\" (raw text with <tool_call> blocks) or \"content\" and/or \"tool_calls\" (OpenAI style)");
        var list = new List<ToolCall>();
        if (calls is not null && calls.Kind != PyValueKind.None)
        {
            if (calls.Kind != PyValueKind.List)
                throw ApiException.BadRequest($"\"tool_calls\" in {where} must be an array");
            for (var i = 0; i < calls.Items.Count; i++)
                list.Add(ReadCall(calls.Items[i], $"tool_calls[{i}] in {where}"));
        }
        return Parsing.ToolCallParser.FromOpenAi(content, list);
    }

    private static ToolCall ReadCall(PyValue call, string where)
    {
        if (call.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"{where} must be an object");
        var function = call.Get("function") is { Kind: PyValueKind.Dict } f ? f : call;
        // A missing or non-string name is model output, not a bad request: the call then fails as an unknown tool.
        var name = function.Get("name") is { } n ? (n.Kind == PyValueKind.Str ? n.Text : n.ToString()) : string.Empty;
        var arguments = function.Get("arguments");
        var id = RequestJson.OptionalString(call, "id", where);
        return arguments switch
        {
            null or { Kind: PyValueKind.None } => new ToolCall(name, "{}", id),
            { Kind: PyValueKind.Str } => new ToolCall(name, arguments.Text, id) { ArgumentsAreString = true },
            _ => new ToolCall(name, PyJson.Dumps(arguments), id),
        };
    }

    /// <summary>Writes <c>"calls": [...]</c>: each call's name, arguments, outcome, feedback and whether it solved.</summary>
    public static void WriteCalls(JsonText json, IReadOnlyList<ExecutedCall> calls)
    {
        json.Name("calls").StartArray();
        foreach (var call in calls)
        {
            json.StartObject()
                .Property("name", call.Call.Name)
                .Property("arguments", call.Call.ArgumentsJson);
            if (call.Call.Id is not null)
                json.Property("id", call.Call.Id);
            json.Property("outcome", OutcomeName(call.Result.Outcome))
                .Property("feedback", call.Result.Text)
                .Property("solved", call.SolvedSubQuestion)
                .EndObject();
        }
        json.EndArray();
    }

    /// <summary>Writes <c>"tool_messages": [...]</c>: the tool messages to append to the conversation, in order.</summary>
    public static void WriteToolMessages(JsonText json, IReadOnlyList<ExecutedCall> calls)
    {
        json.Name("tool_messages").StartArray();
        foreach (var call in calls)
        {
            json.StartObject().Property("role", "tool").Property("name", call.Call.Name).Property("content", call.Result.Text);
            if (call.Call.Id is not null)
                json.Property("tool_call_id", call.Call.Id);
            json.EndObject();
        }
        json.EndArray();
    }

    public static string OutcomeName(ToolOutcome outcome) => outcome switch
    {
        ToolOutcome.Ok => "ok",
        ToolOutcome.UnknownTool => "unknown_tool",
        ToolOutcome.InvalidArguments => "invalid_arguments",
        ToolOutcome.ToolError => "tool_error",
        ToolOutcome.Timeout => "timeout",
        ToolOutcome.Cancelled => "cancelled",
        ToolOutcome.NoRecord => "no_record",
        _ => outcome.ToString(),
    };

    public static string EndReasonName(EpisodeEndReason? reason) => reason switch
    {
        EpisodeEndReason.Answered => "answered",
        EpisodeEndReason.MaxTurns => "max_turns",
        _ => "",
    };
}
