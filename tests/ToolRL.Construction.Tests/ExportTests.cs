using Construction.Tests.Scenarios;
using ToolRL.Construction.Export;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Reporting;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Toolsets;
using ToolRL.Tasks;
using ToolRL.Trajectories;

namespace Construction.Tests;

public sealed class ExportTests
{
    private static List<ExportItem> Items(int each = 6, params ScalingStrategy[] variants)
    {
        var plan = new ConstructionPlan
        {
            Composition = new() { SingleHop = each, ParallelSingleHop = each, MultiHop = each, ParallelMultiHop = each },
            Variants = variants.Length == 0 ? [(ScalingStrategy.None, 1)] : variants.Select(v => (v, 1)).ToArray(),
        };
        return ConstructionPipeline.Build(TestScenarios.Geo(), [TestScenarios.Geo(), TestScenarios.Library()], plan, new ConstructionReport()).ToList();
    }

    [Fact]
    public async Task Jsonl_records_round_trip_with_every_FTRL_field()
    {
        using var dir = new TempDirectory();
        var items = Items();
        var summary = await DatasetExporter.ExportAsync(items, dir.Path, new TaskSplit(0.25), systemPrompt: "You can call tools.");
        var records = FtrlJsonl.ReadFile(Path.Combine(dir.Path, "train.jsonl")).Concat(FtrlJsonl.ReadFile(Path.Combine(dir.Path, "test.jsonl"))).ToList();
        Assert.Equal(items.Count, records.Count);
        Assert.Equal(items.Count, summary.Train + summary.Test);
        foreach (var record in records)
        {
            var item = items.Single(i => i.Task.Id == record.TaskId);
            var expected = FtrlRecords.Initial(item, "You can call tools.");
            Assert.Equal("geo", record.Scenario);
            Assert.Equal(expected.Messages, record.Messages);
            Assert.Equal(item.Task.Question, record.Messages[1].Content);
            Assert.Equal(expected.Tools, record.Tools);
            Assert.Equal("toolrl:geo", record.ToolImplementation);
            Assert.Equal(0.0, record.SolveRate);
            Assert.Equal(item.Task.FinalAnswer, record.GoldAnswer);
            Assert.Equal(item.Task.SubQuestions.Count, record.Unsolved.Values.Sum(a => a.Count));
            Assert.Equal(expected.Unsolved.Keys, record.Unsolved.Keys);
            foreach (var (tool, answers) in expected.Unsolved)
                Assert.Equal(answers, record.Unsolved[tool]);
        }
    }

    [Fact]
    public void Step_records_with_tool_calls_round_trip_and_bad_lines_are_named()
    {
        var record = new StepRecord("t/1", "geo", [
                ToolRL.Conversations.ChatMessage.User("Q?"),
                ToolRL.Conversations.ChatMessage.Assistant("let me look", [new ToolRL.Tools.ToolCall("get_capital", """{"country":"Japan"}""", "c1")], reasoning: "think"),
                ToolRL.Conversations.ChatMessage.Tool("get_capital", "Tokyo", "c1"),
            ],
            [new ToolRL.Tools.ToolDefinition("get_capital", "Capital.", """{"type":"object","properties":{}}""")],
            "toolrl:geo", new SortedDictionary<string, IReadOnlyList<string>> { ["get_mayor"] = ["Aiko Sato"] }, 0.5, "Aiko Sato");
        var back = StepRecordJson.Read(StepRecordJson.Write(record));
        Assert.Equal(record.Messages[1].ToolCalls, back.Messages[1].ToolCalls);
        Assert.Equal(record.Messages.Select(m => (m.Role, m.Content, m.Name, m.ToolCallId, m.Reasoning)), back.Messages.Select(m => (m.Role, m.Content, m.Name, m.ToolCallId, m.Reasoning)));
        Assert.Equal(0.5, back.SolveRate);
        Assert.Equal(["Aiko Sato"], back.Unsolved["get_mayor"]);

        var lines = StepRecordJson.Write(record) + "\n\n" + StepRecordJson.Write(record).Replace("\"gold_answer\"", "\"gold\"", StringComparison.Ordinal) + "\n";
        var e = Assert.Throws<FormatException>(() => FtrlJsonl.Read(new StringReader(lines), "data.jsonl").ToList());
        Assert.Contains("data.jsonl, line 3", e.Message);
        Assert.Contains("'gold_answer'", e.Message);
        Assert.Contains("must be a JSON string", Assert.Throws<FormatException>(() => StepRecordJson.Read(StepRecordJson.Write(record).Replace("\"toolrl:geo\"", "1", StringComparison.Ordinal))).Message);
    }

    [Fact]
    public async Task Parquet_rows_round_trip_across_row_groups_in_verl_layout()
    {
        using var dir = new TempDirectory();
        var items = Items(each: 8);
        var summary = await DatasetExporter.ExportAsync(items, dir.Path, new TaskSplit(0.3), rowGroupSize: 7);
        var train = await ReadAll(Path.Combine(dir.Path, "train.parquet"));
        var test = await ReadAll(Path.Combine(dir.Path, "test.parquet"));
        Assert.Equal(summary.Train, train.Count);
        Assert.Equal(summary.Test, test.Count);
        Assert.True(train.Count > 7 && test.Count > 0);
        Assert.Equal(summary.Train, await VerlParquetReader.CountAsync(Path.Combine(dir.Path, "train.parquet")));
        Assert.Equal(Enumerable.Range(0, train.Count).Select(i => (long)i), train.Select(r => r.ExtraInfo.Index));
        foreach (var row in train.Concat(test))
        {
            var item = items.Single(i => i.Task.Id == row.ExtraInfo.TaskId);
            Assert.Equal("toolrl/geo", row.DataSource);
            Assert.Equal("tool-use", row.Ability);
            Assert.Equal("rule", row.RewardModel.Style);
            Assert.Equal(item.Task.FinalAnswer, row.RewardModel.GroundTruth);
            Assert.Equal([("user", item.Task.Question)], row.Prompt.Select(m => (m.Role, m.Content)));
            Assert.Equal(item.Task.Structure.ToString(), row.ExtraInfo.Structure);
            Assert.Contains("\"get_capital\"", row.ExtraInfo.Tools);
            using var calls = System.Text.Json.JsonDocument.Parse(row.ExtraInfo.GoldenCalls);
            Assert.Equal(item.Task.SubQuestions.Count, calls.RootElement.GetArrayLength());
        }
        Assert.All(train, r => Assert.Equal("train", r.ExtraInfo.Split));
        Assert.All(test, r => Assert.Equal("test", r.ExtraInfo.Split));
    }

    [Fact]
    public async Task No_question_is_in_both_splits_even_when_variants_repeat_it()
    {
        using var dir = new TempDirectory();
        var items = Items(8, ScalingStrategy.None, ScalingStrategy.ParameterExpansion, ScalingStrategy.FunctionalGeneralization);
        Assert.Equal(3 * 32, items.Count);
        await DatasetExporter.ExportAsync(items, dir.Path, new TaskSplit(0.4, seed: 3));
        var train = FtrlJsonl.ReadFile(Path.Combine(dir.Path, "train.jsonl")).Select(r => r.Messages[0].Content).ToHashSet();
        var test = FtrlJsonl.ReadFile(Path.Combine(dir.Path, "test.jsonl")).Select(r => r.Messages[0].Content).ToHashSet();
        Assert.NotEmpty(train);
        Assert.NotEmpty(test);
        Assert.Empty(train.Intersect(test));
        var split = new TaskSplit(0.4, seed: 3);
        Assert.All(items, i => Assert.Equal(split.IsHeldOut(i.Task), split.IsHeldOut(i.Task with { Question = "  " + i.Task.Question.ToUpperInvariant() + " " })));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskSplit(1.5));
    }

    [Fact]
    public async Task A_failed_export_leaves_no_files_behind()
    {
        using var dir = new TempDirectory();
        IEnumerable<ExportItem> Failing()
        {
            foreach (var item in Items(each: 2))
                yield return item;
            throw new InvalidOperationException("source broke");
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => DatasetExporter.ExportAsync(Failing(), dir.Path, new TaskSplit()));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    private const int DeadPid = 99_999_999; // above Linux's pid_max: never a running process

    [Fact]
    public async Task An_export_replaces_the_folder_as_one_unit_and_removes_what_a_killed_export_left()
    {
        using var root = new TempDirectory();
        var target = Path.Combine(root.Path, "data");
        await DatasetExporter.ExportAsync(Items(each: 2), target, new TaskSplit(0.25));
        // What kills leave: the old per-file scheme's temp file inside, and a killed swap's folders beside it.
        File.WriteAllText(Path.Combine(target, $"train.parquet.tmp-{DeadPid}-0123abcd"), "40 MB of partial parquet");
        var killedStage = Path.Combine(root.Path, $".data.tmp-{DeadPid}-feedbeef");
        var killedOld = Path.Combine(root.Path, $".data.old.tmp-{DeadPid}-cafe0000");
        Directory.CreateDirectory(killedStage);
        Directory.CreateDirectory(killedOld);
        var live = Path.Combine(root.Path, $".data.tmp-{Environment.ProcessId}-00000000");
        Directory.CreateDirectory(live); // a writer that is still running keeps its folder

        var summary = await DatasetExporter.ExportAsync(Items(each: 3), target, new TaskSplit(0.25));

        Assert.Equal(DatasetExporter.FileNames.Order(), Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Order());
        Assert.Equal(new[] { "data", Path.GetFileName(live) }.Order(), Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName).Order());
        var records = FtrlJsonl.ReadFile(Path.Combine(target, "train.jsonl")).Concat(FtrlJsonl.ReadFile(Path.Combine(target, "test.jsonl")));
        Assert.Equal(summary.Train + summary.Test, records.Count());
        Assert.Equal(Items(each: 3).Count, summary.Train + summary.Test);
    }

    [Fact]
    public async Task An_export_refuses_a_folder_holding_files_it_did_not_write()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "notes.md"), "mine");
        var e = await Assert.ThrowsAsync<IOException>(() => DatasetExporter.ExportAsync(Items(each: 1), dir.Path, new TaskSplit()));
        Assert.Contains("notes.md", e.Message);
        Assert.Equal(["notes.md"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Exported_variant_items_carry_the_variant_toolset_and_rewritten_calls()
    {
        var items = Items(4, ScalingStrategy.FunctionalGeneralization);
        Assert.All(items, i => Assert.StartsWith("geo+generalized", i.Environment));
        Assert.All(items, i => Assert.All(i.Task.SubQuestions, q => Assert.Contains(i.Tools, t => t.Name == q.ToolName)));
    }

    private static async Task<List<VerlRow>> ReadAll(string path)
    {
        var rows = new List<VerlRow>();
        await foreach (var row in VerlParquetReader.ReadAsync(path))
            rows.Add(row);
        return rows;
    }
}
