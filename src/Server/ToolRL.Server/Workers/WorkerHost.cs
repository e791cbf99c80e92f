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
                    var id = WorkerProtocol.Long(message, "id");
                    var environment = WorkerProtocol.Text(message, "env");
                    var call = new ToolCall(WorkerProtocol.Text(message, "name"), WorkerProtocol.Text(message, "args"));
                    // Each call runs on its own task: sessions proceed independently; one session sends one call at a time.
                    _ = Task.Run(async () =>
                    {
                        ToolResult result;
                        if (!byName.TryGetValue(environment, out var env))
                            result = new ToolResult(ToolOutcome.UnknownTool, $"this worker serves no environment named '{environment}'");
                        else
                            result = await sessions.GetOrAdd(session, _ => env.OpenSession()).ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
                        writer.TryWrite(WorkerProtocol.Result(id, result));
                    }, cancellationToken);
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
    }
}
