using ToolRL.PythonSemantics;
using ToolRL.Server.Hosting;
using ToolRL.Tools;

namespace ToolRL.Server.Workers;

/// <summary>
/// The line protocol between the server and a worker, one JSON object per line on the worker's stdin and stdout:
/// <list type="bullet">
/// <item>worker → server, once at start: <c>{"ready": true}</c>;</item>
/// <item>server → worker: <c>{"id": N, "op": "call", "session": S, "env": E, "name": T, "args": A}</c>, answered by
/// <c>{"id": N, "outcome": O, "text": X}</c>; the worker opens session S of environment E on its first call;</item>
/// <item>server → worker: <c>{"op": "close", "session": S}</c>, not answered.</item>
/// </list>
/// Strings use PyJson's escapes, so any text a model or tool produces (lone surrogates included) crosses intact.
/// </summary>
internal static class WorkerProtocol
{
    public const string Ready = "{\"ready\":true}";

    public static string Call(long id, long session, string environment, ToolCall call) =>
        new JsonText().StartObject()
            .Property("id", id).Property("op", "call").Property("session", session).Property("env", environment)
            .Property("name", call.Name ?? string.Empty).Property("args", call.ArgumentsJson ?? string.Empty)
            .EndObject().ToString();

    public static string Close(long session) =>
        new JsonText().StartObject().Property("op", "close").Property("session", session).EndObject().ToString();

    public static string Result(long id, ToolResult result) =>
        new JsonText().StartObject()
            .Property("id", id).Property("outcome", result.Outcome.ToString()).Property("text", result.Text)
            .EndObject().ToString();

    public static bool TryReadResult(string line, out long id, out ToolResult result)
    {
        id = 0;
        result = default;
        if (!PyJson.TryLoads(line, out var value) || value.Get("id") is not { Kind: PyValueKind.Int } idValue
            || !long.TryParse(idValue.Text, out id)
            || value.Get("outcome") is not { Kind: PyValueKind.Str } outcome
            || !Enum.TryParse<ToolOutcome>(outcome.Text, out var parsed)
            || value.Get("text") is not { Kind: PyValueKind.Str } text)
            return false;
        result = new ToolResult(parsed, text.Text);
        return true;
    }

    public static long Long(PyValue message, string field) =>
        message.Get(field) is { Kind: PyValueKind.Int } v && long.TryParse(v.Text, out var n) ? n : -1;

    public static string Text(PyValue message, string field) =>
        message.Get(field) is { Kind: PyValueKind.Str } v ? v.Text : string.Empty;
}
