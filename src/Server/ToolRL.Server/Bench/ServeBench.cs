using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.PythonSemantics;
using ToolRL.Tasks;

namespace ToolRL.Server.Bench;

/// <summary>
/// <c>serve bench</c>: a bounded loopback benchmark of the server on this machine. Each phase stops after its
/// count or its time budget, whichever comes first: scoring in process (the same work without HTTP), <c>/v1/score</c>
/// at batch 1 and at batch 64, and concurrent ORS sessions making calls. The turns are the tasks' golden first calls.
/// </summary>
internal static class ServeBench
{
    public sealed record Settings(int Turns, TimeSpan PhaseTime, int Batch, int Sessions, int CallsPerSession, int Workers);

    public static async Task RunAsync(IReadOnlyList<IToolEnvironment> environments, Settings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var turns = GoldenTurns(environments);
        if (turns.Count == 0)
            throw new ArgumentException("no task with a golden call to benchmark");
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Workers = settings.Workers, MaxSessions = Math.Max(4096, settings.Sessions) };
        if (settings.Workers > 0)
            options = options with { WorkerLaunch = Workers.WorkerLaunch.OfCurrentProcess(["serve", "--as-worker"]) };
        await using var server = await EnvironmentServer.StartAsync(environments, options, logToConsole: false, cancellationToken).ConfigureAwait(false);
        using var client = new HttpClient { BaseAddress = new Uri(server.Addresses[0]) };
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"bench: {turns.Count} golden turns from {environments.Count} environments; tools {(settings.Workers > 0 ? $"in {settings.Workers} worker processes" : "in process")}; each phase ≤ {settings.Turns} turns or {settings.PhaseTime.TotalSeconds:0} s");
        output.WriteLine();
        output.WriteLine("| phase | turns | seconds | turns/s | CPU µs/turn | p50 ms | p99 ms | errors |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        // CPU time of this process (server and client) and of the workers: unlike turns/s, it barely moves when
        // other jobs share the machine, so runs on a loaded machine can still be compared.
        var workerPids = server.WorkerProcessIds;
        TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime + workerPids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessCpu(pid));

        var byName = environments.ToDictionary(e => e.Name);
        // Start states built once, as the server builds them for /v1/score items that name a task.
        var starts = turns.Select(t => RecordedState.Start(t.Task)).ToArray();
        await Phase(output, "in process (StepScorer, fresh session)", settings, 1, Cpu, async i =>
        {
            var (env, _, text) = turns[i % turns.Count];
            using var session = byName[env].OpenSession();
            await StepScorer.ScoreAsync(session, starts[i % turns.Count], text, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        foreach (var batch in new[] { 1, settings.Batch })
        {
            await Phase(output, $"/v1/score, batch {batch}", settings, batch, Cpu, async i =>
            {
                var body = new StringBuilder("{\"items\": [");
                for (var k = 0; k < batch; k++)
                {
                    var (env, task, text) = turns[(i * batch + k) % turns.Count];
                    body.Append(k == 0 ? "" : ", ").Append("{\"environment\": ");
                    PyJson.WriteString(body, env);
                    body.Append(", \"task_id\": ");
                    PyJson.WriteString(body, task.Id);
                    body.Append(", \"response\": ");
                    PyJson.WriteString(body, text);
                    body.Append('}');
                }
                using var response = await client.PostAsync("/v1/score", new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
                var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode && !answer.Contains("\"error\"", StringComparison.Ordinal);
            }).ConfigureAwait(false);
        }
        await SessionsPhase(output, client, turns, settings, Cpu, cancellationToken).ConfigureAwait(false);
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine();
        output.WriteLine($"server process managed memory: {memoryBefore / 1048576.0:0.0} MiB before, {memoryAfter / 1048576.0:0.0} MiB after; live sessions left: {server.LiveSessions}");
    }

    /// <summary>Runs <paramref name="step"/> (one request of <paramref name="perStep"/> turns) with 2 callers until the count or the time is spent.</summary>
    private static async Task Phase(TextWriter output, string name, Settings settings, int perStep, Func<TimeSpan> cpu, Func<int, Task<bool>> step)
    {
        var steps = Math.Max(1, settings.Turns / perStep);
        var latencies = new List<double>();
        var errors = 0;
        var next = -1;
        var cpuBefore = cpu();
        var clock = Stopwatch.StartNew();
        async Task Caller()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < steps && clock.Elapsed < settings.PhaseTime)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await step(i).ConfigureAwait(false);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(ms);
                    if (!ok)
                        errors++;
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(Caller))).ConfigureAwait(false);
        Row(output, name, latencies.Count * perStep, clock.Elapsed.TotalSeconds, cpu() - cpuBefore, latencies, errors);
    }

    private static async Task SessionsPhase(TextWriter output, HttpClient client, IReadOnlyList<(string Env, EnvironmentTask Task, string Text)> turns, Settings settings, Func<TimeSpan> cpu, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var errors = 0;
        var cpuBefore = cpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Sessions).Select(async s =>
        {
            var (env, task, _) = turns[s % turns.Count];
            var call = task.SubQuestions[0];
            try
            {
                using var created = await client.PostAsync("/create_session", null, cancellationToken).ConfigureAwait(false);
                var sid = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).RootElement.GetProperty("sid").GetString()!;
                await Send(client, "/create", "{\"env_name\": " + Json.Quote(env) + ", \"task_spec\": {\"id\": " + Json.Quote(task.Id) + "}}", sid, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < settings.CallsPerSession && clock.Elapsed < settings.PhaseTime; k++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var ok = await Send(client, $"/{env}/call", "{\"name\": " + Json.Quote(call.ToolName) + ", \"input\": " + call.ArgumentsJson + "}", sid, cancellationToken).ConfigureAwait(false);
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    lock (latencies)
                    {
                        latencies.Add(ms);
                        if (!ok)
                            errors++;
                    }
                }
                await Send(client, "/delete_session", "", sid, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
        })).ConfigureAwait(false);
        Row(output, $"ORS sessions: {settings.Sessions} concurrent × {settings.CallsPerSession} calls", latencies.Count, clock.Elapsed.TotalSeconds, cpu() - cpuBefore, latencies, errors);
    }

    private static async Task<bool> Send(HttpClient client, string path, string json, string sid, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Session-ID", sid);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode && !body.Contains("\"ok\":false", StringComparison.Ordinal);
    }

    private static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero; // exited (a crashed worker); the bench's tools do not crash
        }
    }

    private static void Row(TextWriter output, string name, int turns, double seconds, TimeSpan cpu, List<double> latencies, int errors)
    {
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        output.WriteLine($"| {name} | {turns} | {seconds:0.00} | {turns / seconds:0} | {(turns == 0 ? 0 : cpu.TotalMicroseconds / turns):0.0} | {P(0.5):0.000} | {P(0.99):0.000} | {errors} |");
        output.Flush();
    }

    /// <summary>Each task's first golden call as a Hermes turn, the shape a model's correct first turn has.</summary>
    private static List<(string Env, EnvironmentTask Task, string Text)> GoldenTurns(IReadOnlyList<IToolEnvironment> environments) =>
        environments.SelectMany(e => e.Tasks.Where(t => t.SubQuestions.Count > 0).Select(t => (e.Name, t,
            "<tool_call>\n{\"name\": " + Json.Quote(t.SubQuestions[0].ToolName) + ", \"arguments\": " + t.SubQuestions[0].ArgumentsJson + "}\n</tool_call>")))
        .ToList();
}
