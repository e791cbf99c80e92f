using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.PythonSemantics;
using ToolRL.Rewards;
using ToolRL.Runtime.Tests.Scenario;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>
/// 2,000 random turns of every malformed shape, each parsed and scored by the reference FTRL code itself
/// (fixtures/make_reference_turns.py wrote fixtures/reference-turns.jsonl from FTRL's parse_qwen and
/// compute_solve_f1/precision/rate/pr). The parse and all four step-reward variants, scored at the record's state by
/// <see cref="StepScorer"/>, must equal the reference's.
/// </summary>
public sealed class ReferenceTurnParityTests
{
    private static readonly Lazy<ToolRL.Environments.ToolEnvironment<ITestTools>> Environment = new(() => TestEnvironments.Create());

    private sealed record Row(string Text, string Task, double SolveRate, string Content, string[] Calls, double F1, double Precision, double Rate, double Pr);

    private static IReadOnlyList<Row> Rows()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Parsing", "fixtures", "reference-turns.jsonl");
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(path))
        {
            // PyJson, not System.Text.Json: the texts hold escaped lone surrogates, which Python wrote and STJ cannot read.
            Assert.True(PyJson.TryLoads(line, out var e));
            string S(string key) => e.Get(key)!.Text;
            double D(string key) => e.Get(key)!.Kind == PyValueKind.Int ? double.Parse(e.Get(key)!.Text) : e.Get(key)!.Float;
            rows.Add(new Row(S("text"), S("task"), D("solve_rate"), S("content"), e.Get("calls")!.Items.Select(c => c.Text).ToArray(),
                D("f1"), D("precision"), D("rate"), D("pr")));
        }
        return rows;
    }

    [Fact]
    public void The_parse_equals_parse_qwen_on_every_turn()
    {
        var rows = Rows();
        Assert.Equal(2000, rows.Count);
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var turn = ToolCallParser.ParseHermes(row.Text);
            if (!turn.ToolCalls.Select(c => c.Name).SequenceEqual(row.Calls) || turn.Content != row.Content)
                wrong.Add(PyJson.Dumps(PyValue.Str(row.Text)));
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {rows.Count} differ, e.g.\n" + string.Join("\n", wrong.Take(10)));
    }

    [Theory]
    [InlineData(StepRewardVariant.F1)]
    [InlineData(StepRewardVariant.Precision)]
    [InlineData(StepRewardVariant.Rate)]
    [InlineData(StepRewardVariant.PR)]
    public async Task The_step_reward_equals_the_reference_on_every_turn(StepRewardVariant variant)
    {
        var rows = Rows();
        var env = Environment.Value;
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var expected = variant switch
            {
                StepRewardVariant.F1 => row.F1,
                StepRewardVariant.Precision => row.Precision,
                StepRewardVariant.Rate => row.Rate,
                _ => row.Pr,
            };
            var task = env.Task(row.Task == "CapitalOfFrance" ? TestTasks.CapitalOfFrance : TestTasks.WeatherInTwoCapitals);
            // The FTRL record's state: the task's unsolved set with the record's solve rate, scored on a fresh session.
            var state = RecordedState.Start(task) with { SolveRate = row.SolveRate };
            using var session = env.OpenSession();
            var actual = (await StepScorer.ScoreAsync(session, state, row.Text, new EpisodeOptions { RewardVariant = variant })).Reward;
            if (Math.Abs(actual - expected) > 1e-12)
                wrong.Add($"{PyJson.Dumps(PyValue.Str(row.Text))}: {actual} vs reference {expected}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {rows.Count} differ, e.g.\n" + string.Join("\n", wrong.Take(10)));
    }
}
