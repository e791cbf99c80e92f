using BenchmarkDotNet.Attributes;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Samples.Scenarios.Travel;

namespace ToolRL.Benchmarks.Turns;

/// <summary>
/// The Runtime's score-at-a-recorded-state path as <c>/v1/score</c> and the step-reward replay take it: per turn a
/// fresh tool session, Hermes parse, dispatch of every call, solve check against the recorded unsolved set and the
/// step reward (<see cref="StepScorer"/>), for turns of 1–4 calls. <c>ReusedSession</c> is the same turn on one
/// session kept open, to show what a session's start costs. Each invocation scores <see cref="TurnsPerLoop"/> turns
/// in one async loop, as a scoring worker does (the harness would otherwise block its thread on each bounded call).
/// The tool is the travel sample's <c>get_capital</c> (a dictionary lookup) on "capital of Kenya"; France never
/// solves it, so every turn does the same work.
/// Run: <c>dotnet run -c Release --project bench/ToolRL.Benchmarks -- --filter '*ScoreAtRecordedState*' --job short --inProcess</c>
/// </summary>
[MemoryDiagnoser]
public class ScoreAtRecordedStateBenchmarks
{
    private const int TurnsPerLoop = 64;
    private const string Call = "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"France\"}}\n</tool_call>";

    private IToolEnvironment _environment = null!;
    private RecordedState _state = null!;
    private IToolSession _reused = null!;
    private string _text = "";

    [Params(1, 2, 3, 4)]
    public int Calls { get; set; } = 1;

    /// <summary><c>Bounded</c>: the default 10 s per-call timeout (the call runs on a scheduler thread); <c>Inline</c>: no timeout.</summary>
    [Params("Bounded", "Inline")]
    public string Mode { get; set; } = "Bounded";

    [GlobalSetup]
    public void Setup()
    {
        var options = Mode == "Inline" ? new ToolEnvironmentOptions { CallTimeout = Timeout.InfiniteTimeSpan } : ToolEnvironmentOptions.Default;
        _environment = new ToolEnvironment<ITravel>(TravelScenario.Instance, () => new TravelWorld(), options);
        _state = RecordedState.Start(_environment.Tasks.Single(t => t.Id == "travel/TravelTasks.CapitalOfKenya"));
        _text = string.Join("\n", Enumerable.Repeat(Call, Calls));
        _reused = _environment.OpenSession();

        // Measure the intended path only: every call answers "Paris" and solves nothing.
        using var probe = _environment.OpenSession();
        var score = StepScorer.ScoreAsync(probe, _state, _text).AsTask().GetAwaiter().GetResult();
        if (score.Calls.Count != Calls || score.Calls.Any(c => c.Result.Text != "Paris" || !c.Result.IsOk) || score.Solved != 0)
            throw new InvalidOperationException($"Unexpected probe turn: {string.Join(" | ", score.Calls.Select(c => c.Result.Text))}");
    }

    [GlobalCleanup]
    public void Cleanup() => _reused.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = TurnsPerLoop)]
    public async Task<double> FreshSession()
    {
        var total = 0.0;
        for (var i = 0; i < TurnsPerLoop; i++)
        {
            using var session = _environment.OpenSession();
            total += (await StepScorer.ScoreAsync(session, _state, _text).ConfigureAwait(false)).Reward;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = TurnsPerLoop)]
    public async Task<double> ReusedSession()
    {
        var total = 0.0;
        for (var i = 0; i < TurnsPerLoop; i++)
            total += (await StepScorer.ScoreAsync(_reused, _state, _text).ConfigureAwait(false)).Reward;
        return total;
    }
}
