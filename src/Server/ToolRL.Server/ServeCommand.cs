using System.CommandLine;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Rewards;
using ToolRL.Server.Chat;
using ToolRL.Server.Workers;

namespace ToolRL.Server;

/// <summary>
/// <c>serve</c>: the environment server on the command line. Any host registers <see cref="Create"/> beside its
/// other commands; <see cref="RunAsync"/> runs it alone. Expected errors (bad options, a non-loopback address
/// without a key) print <c>error: message</c> and exit 2.
/// </summary>
public static class ServeCommand
{
    /// <summary>The environment variable that may hold the API key.</summary>
    public const string ApiKeyVariable = "TOOLRL_API_KEY";

    private const string WorkerFlag = "--as-worker";

    /// <summary>
    /// The <c>serve</c> command over <paramref name="environments"/>; with <paramref name="model"/> (the Trainer's
    /// <c>--model DIR</c>) it also serves that model's OpenAI chat completions.
    /// </summary>
    public static Command Create(IReadOnlyList<IToolEnvironment> environments, TextWriter output, TextWriter error, IServedModelOptions? model = null)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on (';'-separated). Anything but loopback needs an API key.", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var scenario = new Option<string[]>("--scenario", "-s") { Description = "Serve only these scenarios (repeatable). Default: all of the project's.", AllowMultipleArgumentsPerToken = true };
        var apiKeyFile = new Option<string?>("--api-key-file") { Description = $"A file holding the API key every request must send as 'Authorization: Bearer KEY' (or set {ApiKeyVariable})." };
        var workers = new Option<int>("--workers") { Description = "Supervised worker processes that run the tools (a crashed one is restarted); 0 runs tools in this process.", DefaultValueFactory = _ => 2 };
        var maxSessions = new Option<int>("--max-sessions") { Description = "Live ORS sessions at most; beyond, new ones get 503.", DefaultValueFactory = _ => 4096 };
        var ttl = new Option<double>("--session-ttl") { Description = "Minutes of inactivity after which a session expires (ORS: 15).", DefaultValueFactory = _ => 15 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body; larger ones get 413.", DefaultValueFactory = _ => 4 * 1024 * 1024 };
        var maxTurns = new Option<int>("--max-turns") { Description = "Turns per session episode (each ORS call is one turn).", DefaultValueFactory = _ => 20 };
        var reward = new Option<string>("--reward") { Description = "Step-reward variant: f1 (the paper's default), precision, rate, pr.", DefaultValueFactory = _ => "f1" };
        var solveRule = new Option<string>("--solve-rule") { Description = "reference (the paper's: any feedback can solve) or strict (only returned values).", DefaultValueFactory = _ => "reference" };
        var asWorker = new Option<bool>(WorkerFlag) { Hidden = true, Description = "Run as a worker process of a server (internal)." };
        var command = new Command("serve", "Serve the environments over HTTP: ORS sessions, whole turns, FTRL step scoring (/v1/score).")
        {
            urls, scenario, apiKeyFile, workers, maxSessions, ttl, maxBody, maxTurns, reward, solveRule, asWorker,
        };
        var loadModel = model?.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            IChatCompletionModel? chat = null;
            try
            {
                var selected = Select(environments, parse.GetValue(scenario));
                if (parse.GetValue(asWorker))
                    return await WorkerHost.RunAsync(selected, cancellationToken).ConfigureAwait(false);
                chat = loadModel?.Invoke(parse);
                var options = new ServerOptions
                {
                    Urls = parse.GetValue(urls)!,
                    ApiKey = ReadApiKey(parse.GetValue(apiKeyFile)),
                    Workers = parse.GetValue(workers),
                    MaxSessions = parse.GetValue(maxSessions),
                    SessionIdleTimeout = Minutes(parse.GetValue(ttl)),
                    MaxBodyBytes = parse.GetValue(maxBody),
                    ChatModel = chat,
                    Episode = new EpisodeOptions
                    {
                        MaxTurns = parse.GetValue(maxTurns) >= 1 ? parse.GetValue(maxTurns) : throw new ArgumentException("--max-turns must be at least 1"),
                        RewardVariant = Variant(parse.GetValue(reward)!),
                        SolveRule = Rule(parse.GetValue(solveRule)!),
                    },
                };
                if (options.Workers > 0)
                    options = options with { WorkerLaunch = WorkerLaunch.OfCurrentProcess(WorkerArguments(selected)) };
                return await ServeAsync(selected, options, output, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            finally
            {
                (chat as IDisposable)?.Dispose();
            }
        });
        command.Add(BenchCommand(environments, output, error));
        return command;
    }

    private static Command BenchCommand(IReadOnlyList<IToolEnvironment> environments, TextWriter output, TextWriter error)
    {
        var turns = new Option<int>("--turns") { Description = "Turns per phase at most.", DefaultValueFactory = _ => 20_000 };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per phase at most.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Items per /v1/score request in the batched phase.", DefaultValueFactory = _ => 64 };
        var sessions = new Option<int>("--sessions") { Description = "Concurrent ORS sessions in the session phase.", DefaultValueFactory = _ => 256 };
        var calls = new Option<int>("--calls") { Description = "Calls per ORS session.", DefaultValueFactory = _ => 20 };
        var workers = new Option<int>("--workers") { Description = "Worker processes (0: tools in process).", DefaultValueFactory = _ => 2 };
        var bench = new Command("bench", "A bounded loopback benchmark: in-process scoring, /v1/score at batch 1 and N, concurrent ORS sessions.")
        {
            turns, seconds, batch, sessions, calls, workers,
        };
        bench.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Bench.ServeBench.Settings(parse.GetValue(turns), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(batch),
                parse.GetValue(sessions), parse.GetValue(calls), parse.GetValue(workers));
            if (settings.Turns < 1 || settings.Batch < 1 || settings.Sessions < 1 || settings.CallsPerSession < 1 || settings.Workers < 0 || settings.PhaseTime <= TimeSpan.Zero)
            {
                error.WriteLine("error: --turns, --seconds, --batch, --sessions and --calls must be positive, --workers 0 or more");
                return 2;
            }
            await Bench.ServeBench.RunAsync(environments, settings, output, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return bench;
    }

    /// <summary>Runs <c>serve</c> as the only command (for hosts without the full command line).</summary>
    public static Task<int> RunAsync(string[] args, IReadOnlyList<IToolEnvironment> environments, TextWriter? output = null, TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("ToolRL environment server") { Create(environments, output ?? Console.Out, error ?? Console.Error) };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error }, cancellationToken);
    }

    private static async Task<int> ServeAsync(IReadOnlyList<IToolEnvironment> environments, ServerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var server = await EnvironmentServer.StartAsync(environments, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        StartupBanner.Write(output, server, options);
        try
        {
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        output.WriteLine($"stopping: finishing in-flight requests, dropping {server.LiveSessions} live session(s)");
        await server.StopAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>How a worker of this server is started: the same program, in worker mode, serving the same scenarios.</summary>
    private static List<string> WorkerArguments(IReadOnlyList<IToolEnvironment> selected)
    {
        // Whatever came before "serve" on our own command line (a host's prefix) comes again.
        var own = System.Environment.GetCommandLineArgs().Skip(1).ToList();
        var at = own.IndexOf("serve");
        var arguments = at > 0 ? own.Take(at).ToList() : [];
        arguments.AddRange(["serve", WorkerFlag]);
        foreach (var e in selected)
            arguments.AddRange(["--scenario", e.Name]);
        return arguments;
    }

    private static IReadOnlyList<IToolEnvironment> Select(IReadOnlyList<IToolEnvironment> all, string[]? names)
    {
        if (names is null || names.Length == 0)
            return all;
        return names.Select(name => all.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"no scenario named '{name}'; available: {string.Join(", ", all.Select(e => e.Name))}")).ToArray();
    }

    private static string? ReadApiKey(string? file)
    {
        if (file is not null)
        {
            if (!File.Exists(file))
                throw new ArgumentException($"--api-key-file '{file}' does not exist");
            var key = File.ReadAllText(file).Trim();
            return key.Length > 0 ? key : throw new ArgumentException($"--api-key-file '{file}' is empty");
        }
        var variable = System.Environment.GetEnvironmentVariable(ApiKeyVariable)?.Trim();
        return string.IsNullOrEmpty(variable) ? null : variable;
    }

    private static TimeSpan Minutes(double minutes) =>
        double.IsFinite(minutes) && minutes > 0 ? TimeSpan.FromMinutes(minutes) : throw new ArgumentException("--session-ttl must be a positive number of minutes");

    private static StepRewardVariant Variant(string name) => name.ToLowerInvariant() switch
    {
        "f1" => StepRewardVariant.F1,
        "precision" => StepRewardVariant.Precision,
        "rate" => StepRewardVariant.Rate,
        "pr" => StepRewardVariant.PR,
        _ => throw new ArgumentException($"--reward must be f1, precision, rate or pr, not '{name}'"),
    };

    private static SolveRule Rule(string name) => name.ToLowerInvariant() switch
    {
        "reference" => SolveRule.Reference,
        "strict" => SolveRule.Strict,
        _ => throw new ArgumentException($"--solve-rule must be reference or strict, not '{name}'"),
    };
}
