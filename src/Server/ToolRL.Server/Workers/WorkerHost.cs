using System.Collections.Concurrent;
using System.Text;
using ToolRL.Environments;
using ToolRL.PythonSemantics;
using ToolRL.Tools;

namespace ToolRL.Server.Workers;

/// <summary>
/// The worker side (<c>serve --as-worker</c>): holds the tool sessions of the sessions assigned to it and executes
/// their calls, speaking <see cref="WorkerProtocol"/> on stdin/stdout. Console output of tools goes to stderr so it
/// cannot corrupt the protocol. If a tool brings this process down, the server restarts it.
/// </summary>
public static class WorkerHost
{
    /// <summary>Serves <paramref name="environments"/> until stdin closes; returns 0.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<IToolEnvironment> environments, CancellationToken cancellationToken = default)
    {
        var protocolOut = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
        Console.SetOut(Console.Error); // a tool's Console.WriteLine must not reach the protocol stream
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        await RunAsync(environments, input, protocolOut, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    internal static async Task RunAsync(IReadOnlyList<IToolEnvironment> environments, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var byName = environments.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        var sessions = new ConcurrentDictionary<long, IToolSession>();
        var writer = new LineWriter(output);
        writer.TryWrite(WorkerProtocol.Ready);
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!PyJson.TryLoads(line, out var message))
                continue;
            var session = WorkerProtocol.Long(message, "session");
            switch (WorkerProtocol.Text(message, "op"))
            {
                case "call":
                    var call = new ToolCall(WorkerProtocol.Text(message, "name"), WorkerProtocol.Text(message, "args"));
                    // Not awaited: sessions proceed independently (one session sends one call at a time).
                    _ = CallAsync(WorkerProtocol.Long(message, "id"), Find(WorkerProtocol.Text(message, "env")), session, call);
                    break;
                case "turns":
                    _ = TurnsAsync(WorkerProtocol.Long(message, "id"), Find(WorkerProtocol.Text(message, "env")), message.Get("turns"));
                    break;
                case "close":
                    if (sessions.TryRemove(session, out var closed))
                        closed.Dispose();
                    break;
            }
        }
        foreach (var open in sessions.Values)
            open.Dispose();
        writer.Close();
        await writer.Completion.ConfigureAwait(false);

        (IToolEnvironment? Environment, string Name) Find(string name) => (byName.GetValueOrDefault(name), name);

        async Task CallAsync(long id, (IToolEnvironment? Environment, string Name) env, long session, ToolCall call)
        {
            // Off the read loop before any tool code runs: an environment without a call timeout runs its tools inline.
            await Task.Yield();
            var result = env.Environment is null
                ? Unserved(env.Name)
                : await sessions.GetOrAdd(session, _ => env.Environment.OpenSession()).ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
            writer.TryWrite(WorkerProtocol.Result(id, result));
        }

        async Task TurnsAsync(long id, (IToolEnvironment? Environment, string Name) env, PyValue? turns)
        {
            await Task.Yield(); // one hop off the read loop for the whole message, as for a call
            var calls = turns is { Kind: PyValueKind.List } ? turns.Items : [];
            var results = new ToolResult[calls.Count][];
            // A few turns at a time: enough to keep the tool threads busy while one turn's result crosses back.
            var next = -1;
            async Task Lane()
            {
                int t;
                while ((t = Interlocked.Increment(ref next)) < calls.Count)
                    results[t] = await RunTurnAsync(env, calls[t]).ConfigureAwait(false);
            }
            var lanes = new Task[Math.Min(TurnLanes, Math.Max(1, calls.Count))];
            for (var i = 0; i < lanes.Length; i++)
                lanes[i] = Lane();
            await Task.WhenAll(lanes).ConfigureAwait(false);
            writer.TryWrite(WorkerProtocol.TurnResults(id, results));
        }

        async Task<ToolResult[]> RunTurnAsync((IToolEnvironment? Environment, string Name) env, PyValue turn)
        {
            var calls = turn.Kind == PyValueKind.List ? turn.Items : [];
            var results = new ToolResult[calls.Count];
            if (env.Environment is null)
            {
                Array.Fill(results, Unserved(env.Name));
                return results;
            }
            using var session = env.Environment.OpenSession();
            for (var c = 0; c < calls.Count; c++)
            {
                var pair = calls[c].Items;
                var call = new ToolCall(pair.Count > 0 ? pair[0].Text : string.Empty, pair.Count > 1 ? pair[1].Text : string.Empty);
                results[c] = await session.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
            }
            return results;
        }
    }

    /// <summary>Turns of one <c>turns</c> message in flight at once.</summary>
    private const int TurnLanes = 8;

    private static ToolResult Unserved(string environment) =>
        new(ToolOutcome.UnknownTool, $"this worker serves no environment named '{environment}'");
}
