using System.Text;
using ToolRL.PythonSemantics;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Scoring;

/// <summary>
/// /v1/score over HTTP against FTRL's own scores: the Runtime tests' 2,000 malformed and well-formed turns, each
/// parsed and scored by FTRL's parse_qwen and compute_solve_* (fixtures/make_reference_turns.py). All four reward
/// variants must equal the reference on every turn, through the JSON request, worker processes and back.
/// </summary>
public sealed class ScoreParityTests
{
    private sealed record Row(string Text, string Task, double SolveRate, string[] Calls, double F1, double Precision, double Rate, double Pr);

    private static IReadOnlyList<Row> Rows()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "reference-turns.jsonl")))
        {
            Assert.True(PyJson.TryLoads(line, out var e));
            double D(string key) => e.Get(key)!.Kind == PyValueKind.Int ? double.Parse(e.Get(key)!.Text) : e.Get(key)!.Float;
            rows.Add(new Row(e.Get("text")!.Text, e.Get("task")!.Text, D("solve_rate"), e.Get("calls")!.Items.Select(c => c.Text).ToArray(),
                D("f1"), D("precision"), D("rate"), D("pr")));
        }
        return rows;
    }

    [Theory]
    [InlineData("f1")]
    [InlineData("precision")]
    [InlineData("rate")]
    [InlineData("pr")]
    public async Task Every_reference_turn_scores_as_ftrl_scores_it(string variant)
    {
        var rows = Rows();
        Assert.Equal(2000, rows.Count);
        await using var server = await TestServer.StartAsync(TestServer.WithWorkers(2));
        var wrong = new List<string>();
        foreach (var batch in rows.Chunk(250))
        {
            var body = new StringBuilder("{\"items\": [");
            for (var i = 0; i < batch.Length; i++)
            {
                if (i > 0)
                    body.Append(", ");
                // The record's state: the task (its unsolved set and final answer) with the record's solve rate.
                body.Append("{\"environment\": \"test\", \"task_id\": ");
                PyJson.WriteString(body, "test/" + batch[i].Task);
                body.Append(", \"solve_rate\": ").Append(PyFloat.Repr(batch[i].SolveRate))
                    .Append(", \"variant\": \"").Append(variant).Append("\", \"response\": ");
                PyJson.WriteString(body, batch[i].Text);
                body.Append('}');
            }
            body.Append("]}");
            using var response = await server.PostJsonAsync("/v1/score", body.ToString());
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            // PyJson, not System.Text.Json: call names hold escaped lone surrogates, which STJ cannot read.
            Assert.True(PyJson.TryLoads(text, out var parsed));
            var results = parsed.Get("results")!.Items;
            Assert.Equal(batch.Length, results.Count);
            for (var i = 0; i < batch.Length; i++)
            {
                var expected = variant switch { "f1" => batch[i].F1, "precision" => batch[i].Precision, "rate" => batch[i].Rate, _ => batch[i].Pr };
                var reward = results[i].Get("reward")!;
                var actual = reward.Kind == PyValueKind.Int ? double.Parse(reward.Text) : reward.Float;
                var names = results[i].Get("calls")!.Items.Select(c => c.Get("name")!.Text).ToArray();
                if (Math.Abs(actual - expected) > 1e-12 || !names.SequenceEqual(batch[i].Calls))
                    wrong.Add($"{PyJson.Dumps(PyValue.Str(batch[i].Text))}: {actual} vs reference {expected}");
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {rows.Count} differ, e.g.\n" + string.Join("\n", wrong.Take(10)));
    }

    [Fact]
    public async Task An_ftrl_step_record_state_scores_without_a_task_id()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        // As FTRL's parquet rows hold it: unsolved set, solve rate, gold answer; one of two sub-questions left.
        const string state = "\"environment\": \"test\", \"unsolved_set\": {\"get_weather\": [\"Rain 15 C\"]}, \"solve_rate\": 0.5, \"gold_answer\": \"Rain 15 C\"";
        var call = await server.PostOkAsync("/v1/score", "{" + state + ", \"response\": \"<tool_call>\\n{\\\"name\\\": \\\"get_weather\\\", \\\"arguments\\\": {\\\"city\\\": \\\"Tokyo\\\"}}\\n</tool_call>\"}");
        Assert.Equal(1.0, call.GetProperty("reward").GetDouble());
        Assert.True(call.GetProperty("calls")[0].GetProperty("solved").GetBoolean());
        var answer = await server.PostOkAsync("/v1/score", "{" + state + ", \"response\": \"It is Rain 15 C.\"}");
        Assert.Equal(0.5, answer.GetProperty("reward").GetDouble()); // 1/(1+1 unsolved)
        var strict = await server.PostOkAsync("/v1/score", "{" + state + ", \"solve_rule\": \"strict\", \"response\": \"<tool_call>{\\\"name\\\": \\\"get_weather\\\", \\\"arguments\\\": {\\\"city\\\": 5}}</tool_call> Rain 15 C\"}");
        Assert.Equal(0.0, strict.GetProperty("reward").GetDouble());
        var malformed = await server.PostOkAsync("/v1/score", "{" + state + ", \"response\": \"<tool_call>{broken</tool_call>\"}");
        Assert.Equal(-0.3, malformed.GetProperty("reward").GetDouble());
        Assert.True(malformed.GetProperty("malformed").GetBoolean());
    }
}
