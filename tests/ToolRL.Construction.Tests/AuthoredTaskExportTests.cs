using Construction.Tests.Scenarios;
using ToolRL.Construction.Export;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Reporting;
using ToolRL.Tasks;
using ToolRL.Environments;
using ToolRL.Samples.Scenarios.Travel;

namespace Construction.Tests;

/// <summary>An export holds the scenarios' hand-written tasks beside the composed ones (issue 17 §10).</summary>
public sealed class AuthoredTaskExportTests
{
    private static readonly ConstructionPlan OnlyAuthored = new() { Composition = new() { SingleHop = 0, ParallelSingleHop = 0, MultiHop = 0, ParallelMultiHop = 0 } };

    [Fact]
    public async Task Every_authored_task_is_exported_once_on_the_side_the_split_gives_its_question()
    {
        var source = SampleSources.Travel();
        var authored = new ToolEnvironment<ITravel>(TravelScenario.Instance, () => new TravelWorld()).Tasks;
        Assert.NotEmpty(authored);
        using var dir = new TempDirectory();
        var split = new TaskSplit(0.3, 7);
        var (report, summary) = await ConstructionPipeline.ExportAsync([source], OnlyAuthored, dir.Path, split);

        var train = FtrlJsonl.ReadFile(Path.Combine(dir.Path, "train.jsonl")).ToList();
        var test = FtrlJsonl.ReadFile(Path.Combine(dir.Path, "test.jsonl")).ToList();
        Assert.Equal(authored.Select(t => t.Id).Order(), train.Concat(test).Select(r => r.TaskId).Order());
        Assert.All(train, r => Assert.False(split.IsHeldOut(authored.Single(t => t.Id == r.TaskId).Question)));
        Assert.All(test, r => Assert.True(split.IsHeldOut(authored.Single(t => t.Id == r.TaskId).Question)));
        Assert.NotEmpty(train);
        Assert.NotEmpty(test);
        Assert.Equal(authored.Count, summary.Train + summary.Test);
        Assert.Equal(authored.Count, report.Total);
        foreach (var record in train.Concat(test))
        {
            var task = authored.Single(t => t.Id == record.TaskId);
            Assert.Equal(task.FinalAnswer, record.GoldAnswer);
            Assert.Equal(task.SubQuestions.Count, record.Unsolved.Values.Sum(a => a.Count));
        }
    }

    [Fact]
    public void Authored_tasks_come_before_the_composed_ones_and_the_report_names_them()
    {
        var plan = OnlyAuthored with { Composition = new() { SingleHop = 3, ParallelSingleHop = 0, MultiHop = 0, ParallelMultiHop = 0 } };
        var source = SampleSources.Travel();
        var report = new ConstructionReport();
        var items = ConstructionPipeline.Build(source, [source], plan, report).ToList();
        Assert.Equal(source.AuthoredTasks.Select(t => t.Id), items.Take(source.AuthoredTasks.Count).Select(i => i.Task.Id));
        Assert.Equal(source.AuthoredTasks.Count + 3, items.Count);
        var text = new StringWriter();
        report.Print(text);
        Assert.Contains($"authored tasks {source.AuthoredTasks.Count} (included above)", text.ToString());
    }

    [Fact]
    public void A_scenario_without_authored_tasks_exports_only_composed_ones()
    {
        var source = TestScenarios.Geo();
        Assert.Empty(source.AuthoredTasks);
        Assert.Empty(source.AuthoredTaskErrors);
    }
}
