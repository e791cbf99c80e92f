using Construction.Tests.Scenarios;
using ToolRL.Construction.Export;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Scaling;
using ToolRL.Tasks;

namespace Construction.Tests;

public sealed class ReportTests
{
    private static readonly ConstructionPlan Plan = new()
    {
        Composition = new() { SingleHop = 3, ParallelSingleHop = 4, MultiHop = 5, ParallelMultiHop = 2 },
        Variants = [(ScalingStrategy.None, 1), (ScalingStrategy.ParameterExpansion | ScalingStrategy.ToolsetExtension, 2)],
        Distractors = 1,
    };

    [Fact]
    public void Describe_counts_tasks_per_scenario_structure_and_variant_and_prints_them()
    {
        var writer = new StringWriter();
        var report = ConstructionPipeline.Describe([TestScenarios.Geo(), TestScenarios.Library()], Plan, writer);
        var geo = report.Counts["geo"];
        Assert.Equal(["base", "pe+te1@2"], geo.Keys);
        Assert.All(geo.Values, byStructure =>
        {
            Assert.Equal(3, byStructure[TaskStructure.SingleHop]);
            Assert.Equal(4, byStructure[TaskStructure.ParallelSingleHop]);
            Assert.Equal(5, byStructure[TaskStructure.MultiHop]);
            Assert.Equal(2, byStructure[TaskStructure.ParallelMultiHop]);
        });
        // The library scenario has no chains (no output is another tool's input): only single-hop structures.
        Assert.False(report.Counts["library"]["base"].ContainsKey(TaskStructure.MultiHop));
        var text = writer.ToString();
        Assert.Contains("scenario geo", text);
        Assert.Matches(@"base\s+3\s+4\s+5\s+2\s+14", text);
        Assert.Matches(@"pe\+te1@2\s+3\s+4\s+5\s+2\s+14", text);
        Assert.Contains("hop depth: 1: 7", text);
        Assert.Contains("scenario library", text);
    }

    [Fact]
    public void The_report_lists_tools_no_task_uses_and_issues()
    {
        var writer = new StringWriter();
        var plan = Plan with { Variants = [(ScalingStrategy.None, 1)] };
        var report = ConstructionPipeline.Describe([ConstantScenario.Create()], plan, writer);
        var validation = report.ValidationReports["constant"];
        Assert.Equal(0, validation.Valid);
        Assert.True(validation.Issues[ToolRL.Construction.Validation.TaskIssueKind.NotDiscriminative] > 0);
        Assert.Contains("tools no task uses: is_available", writer.ToString());
        Assert.Contains("NotDiscriminative", writer.ToString());
    }

    [Fact]
    public async Task Export_entry_writes_the_datasets_and_reports_the_same_counts()
    {
        using var dir = new TempDirectory();
        var (report, summary) = await ConstructionPipeline.ExportAsync([TestScenarios.Geo()], Plan with { Integrate = true }, dir.Path, new TaskSplit(0.2));
        Assert.Equal(report.Total, summary.Train + summary.Test);
        Assert.Equal(28, report.Total);
        var records = FtrlJsonl.ReadFile(Path.Combine(dir.Path, "train.jsonl")).ToList();
        Assert.All(records, r => Assert.StartsWith("geo+integrated", r.Scenario));
        Assert.All(records, r => Assert.Contains(r.Tools, t => t.Name == "get_city_info"));
    }
}
