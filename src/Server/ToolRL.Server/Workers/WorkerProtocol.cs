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
/// <item>server → worker: <c>{"id": N, "op": "turns", "env": E, "turns": [[[T, A], …], …]}</c>, a whole
/// <c>/v1/score</c> batch in one message: each turn's calls run in order on a fresh session of E, answered by
/// <c>{"id": N, "results": [[[O, X], …], …]}</c>, turn by turn, call by call;</item>
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

    public static string Turns(long id, string environment, IReadOnlyList<IReadOnlyList<ToolCall>> turns)
    {
        var json = new JsonText().StartObject()
            .Property("id", id).Property("op", "turns").Property("env", environment)
            .Name("turns").StartArray();
        foreach (var turn in turns)
        {
            json.StartArray();
            foreach (var call in turn)
                json.StartArray().String(call.Name ?? string.Empty).String(call.ArgumentsJson ?? string.Empty).EndArray();
            json.EndArray();
        }
        return json.EndArray().EndObject().ToString();
    }

    public static string Close(long session) =>
        new JsonText().StartObject().Property("op", "close").Property("session", session).EndObject().ToString();

    public static string Result(long id, ToolResult result) =>
        new JsonText().StartObject()
            .Property("id", id).Property("outcome", result.Outcome.ToString()).Property("text", result.Text)
            .EndObject().ToString();

    public static string TurnResults(long id, IReadOnlyList<ToolResult[]> turns)
    {
        var json = new JsonText().StartObject().Property("id", id).Name("results").StartArray();
        foreach (var turn in turns)
        {
            json.StartArray();
            foreach (var result in turn)
                json.StartArray().String(result.Outcome.ToString()).String(result.Text).EndArray();
            json.EndArray();
        }
        return json.EndArray().EndObject().ToString();
    }

    /// <summary>A worker's reply line: its id and the parsed message (parsed once, decoded by what was asked).</summary>
    public static bool TryReadReply(string line, out long id, out PyValue reply)
    {
        id = 0;
        if (!PyJson.TryLoads(line, out reply) || reply.Get("id") is not { Kind: PyValueKind.Int } idValue)
            return false;
        return long.TryParse(idValue.Text, out id);
    }

    /// <summary>The answer to one <c>call</c>.</summary>
    public static bool TryReadResult(PyValue reply, out ToolResult result) =>
        TryResult(reply.Get("outcome"), reply.Get("text"), out result);

    /// <summary>The answer to one <c>turns</c> message of <paramref name="expected"/> turns.</summary>
    public static bool TryReadTurnResults(PyValue reply, IReadOnlyList<IReadOnlyList<ToolCall>> expected, out ToolResult[][] results)
    {
        results = [];
        if (reply.Get("results") is not { Kind: PyValueKind.List } turns || turns.Items.Count != expected.Count)
            return false;
        var all = new ToolResult[expected.Count][];
        for (var t = 0; t < all.Length; t++)
        {
            if (turns.Items[t] is not { Kind: PyValueKind.List } calls || calls.Items.Count != expected[t].Count)
                return false;
            all[t] = new ToolResult[calls.Items.Count];
            for (var c = 0; c < all[t].Length; c++)
            {
                if (calls.Items[c] is not { Kind: PyValueKind.List, Items.Count: 2 } pair
                    || !TryResult(pair.Items[0], pair.Items[1], out all[t][c]))
                    return false;
            }
        }
        results = all;
        return true;
    }

    private static bool TryResult(PyValue? outcome, PyValue? text, out ToolResult result)
    {
        result = default;
        if (outcome is not { Kind: PyValueKind.Str } || !Enum.TryParse<ToolOutcome>(outcome.Text, out var parsed) || text is not { Kind: PyValueKind.Str })
            return false;
        result = new ToolResult(parsed, text.Text);
        return true;
    }

    public static long Long(PyValue message, string field) =>
        message.Get(field) is { Kind: PyValueKind.Int } v && long.TryParse(v.Text, out var n) ? n : -1;

    public static string Text(PyValue message, string field) =>
        message.Get(field) is { Kind: PyValueKind.Str } v ? v.Text : string.Empty;
}
