using BenchmarkDotNet.Attributes;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Samples.Scenarios.Travel;
using ToolRL.Tools;

namespace ToolRL.Benchmarks.Turns;

/// <summary>
/// The parts of <see cref="ScoreAtRecordedStateBenchmarks"/>' one-call turn, each alone (no timeout, on the caller's
/// thread), to show where its time and bytes go: opening a session, the Hermes parse, one call's dispatch, and the
/// scorer on an already parsed turn.
/// Run: <c>dotnet run -c Release --project bench/ToolRL.Benchmarks -- --filter '*ScorePathParts*' --job short --inProcess</c>
/// </summary>
[MemoryDiagnoser]
public class ScorePathPartsBenchmarks
{
    private const string Call = "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"France\"}}\n</tool_call>";

    private IToolEnvironment _environment = null!;
    private IToolSession _session = null!;
    private RecordedState _state = null!;
    private ParsedTurn _turn = null!;
    private ToolCall _call = null!;

    [GlobalSetup]
    public void Setup()
    {
        _environment = new ToolEnvironment<ITravel>(TravelScenario.Instance, () => new TravelWorld(),
            new ToolEnvironmentOptions { CallTimeout = Timeout.InfiniteTimeSpan });
        _state = RecordedState.Start(_environment.Tasks.Single(t => t.Id == "travel/TravelTasks.CapitalOfKenya"));
        _session = _environment.OpenSession();
        _turn = ToolCallParser.ParseHermes(Call);
        _call = _turn.ToolCalls[0];
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark]
    public void OpenSession() => _environment.OpenSession().Dispose();

    [Benchmark]
    public ParsedTurn Parse() => ToolCallParser.ParseHermes(Call);

    [Benchmark]
    public ToolResult Execute() => _session.ExecuteAsync(_call).Result;

    [Benchmark]
    public StepScore ScoreParsed() => StepScorer.ScoreAsync(_session, _state, _turn).Result;
}
