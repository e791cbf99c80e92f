using BenchmarkDotNet.Attributes;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;

namespace ToolRL.Benchmarks.Turns;

/// <summary>
/// One assistant turn end to end — Hermes parse, dispatch through a tool session, solve check and step
/// reward — with one and with four calls of a trivial tool. <c>Bounded</c> is the default (10 s per-call
/// timeout: the call runs on the thread pool); <c>Inline</c> has no timeout and runs on the caller's thread.
/// The <c>…InAsyncLoop</c> methods take <see cref="TurnsPerLoop"/> turns in one async loop, as a rollout
/// worker does, so the thread-pool hop of the bounded mode is measured as a rollout sees it (the harness
/// otherwise blocks its own thread on each turn and pays two cross-thread wake-ups per turn).
/// </summary>
[MemoryDiagnoser]
public class AssistantTurnBenchmarks
{
    private const string Call = "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"France\"}}\n</tool_call>";

    private static readonly string OneCallText = Call;
    private static readonly string FourCallText = string.Join("\n", Enumerable.Repeat(Call, 4));

    private IToolSession _session = null!;
    private Episode _episode = null!;

    [Params("Bounded", "Inline")]
    public string Mode { get; set; } = "Bounded";

    [GlobalSetup]
    public void Setup()
    {
        var options = Mode == "Inline" ? new ToolEnvironmentOptions { CallTimeout = Timeout.InfiniteTimeSpan } : ToolEnvironmentOptions.Default;
        var environment = new ToolEnvironment<ITrivialTools>(new TrivialScenario(), options: options);
        _session = environment.OpenSession();
        _episode = new Episode(environment.Tasks[0], _session, new EpisodeOptions { MaxTurns = int.MaxValue });
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark(Baseline = true)]
    public ValueTask<StepOutcome> OneCallTurn() => _episode.StepAsync(ToolCallParser.ParseHermes(OneCallText));

    [Benchmark]
    public ValueTask<StepOutcome> FourCallTurn() => _episode.StepAsync(ToolCallParser.ParseHermes(FourCallText));

    private const int TurnsPerLoop = 64;

    [Benchmark(OperationsPerInvoke = TurnsPerLoop)]
    public async Task<double> OneCallTurnInAsyncLoop()
    {
        var total = 0.0;
        for (var i = 0; i < TurnsPerLoop; i++)
            total += (await _episode.StepAsync(ToolCallParser.ParseHermes(OneCallText)).ConfigureAwait(false)).Reward;
        return total;
    }

    [Benchmark(OperationsPerInvoke = TurnsPerLoop)]
    public async Task<double> FourCallTurnInAsyncLoop()
    {
        var total = 0.0;
        for (var i = 0; i < TurnsPerLoop; i++)
            total += (await _episode.StepAsync(ToolCallParser.ParseHermes(FourCallText)).ConfigureAwait(false)).Reward;
        return total;
    }

    [Benchmark]
    public ParsedTurn ParseOnly() => ToolCallParser.ParseHermes(OneCallText);
}
