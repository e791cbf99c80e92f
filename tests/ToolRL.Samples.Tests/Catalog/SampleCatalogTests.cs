using ToolRL.Samples.Catalog;
using ToolRL.Tasks;

namespace ToolRL.Samples.Tests.Catalog;

public class SampleCatalogTests
{
    private static IEnumerable<EnvironmentTask> AllTasks => SampleEnvironments.All.SelectMany(e => e.Tasks);

    [Fact]
    public void The_catalog_lists_travel_shop_and_library()
    {
        Assert.Equal(["travel", "shop", "library"], SampleEnvironments.Scenarios.Select(s => s.Name));
        Assert.Equal(SampleEnvironments.Scenarios.Select(s => s.Environment), SampleEnvironments.All);
    }

    [Fact]
    public void There_are_at_least_ten_tools_and_forty_tasks_in_total()
    {
        Assert.True(SampleEnvironments.All.Sum(e => e.Tools.Count) >= 10);
        Assert.True(AllTasks.Count() >= 40);
    }

    [Fact]
    public void Every_scenario_has_every_structure_and_each_structure_has_at_least_ten_tasks_overall()
    {
        foreach (var environment in SampleEnvironments.All)
            Assert.Equal(Enum.GetValues<TaskStructure>().Order(), environment.Tasks.Select(t => t.Structure).Distinct().Order());
        foreach (var structure in Enum.GetValues<TaskStructure>())
            Assert.True(AllTasks.Count(t => t.Structure == structure) >= 10, $"only {AllTasks.Count(t => t.Structure == structure)} {structure} tasks");
    }

    [Fact]
    public void The_derived_structure_agrees_with_the_golden_call_graph()
    {
        foreach (var task in AllTasks)
        {
            var graph = task.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToList();
            Assert.Equal(TaskStructures.Classify(graph), task.Structure);
            Assert.Equal(task.Structure is TaskStructure.SingleHop, task.SubQuestions.Count == 1);
        }
        Assert.Contains(AllTasks, t => TaskStructures.HopDepth(t.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToList()) == 3);
    }

    [Fact]
    public void Task_ids_and_questions_are_unique()
    {
        Assert.Equal(AllTasks.Count(), AllTasks.Select(t => t.Id).Distinct().Count());
        Assert.Equal(AllTasks.Count(), AllTasks.Select(t => t.Question).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_tool_is_used_by_some_task()
    {
        foreach (var environment in SampleEnvironments.All)
        {
            var used = environment.Tasks.SelectMany(t => t.SubQuestions).Select(q => q.ToolName).ToHashSet();
            Assert.All(environment.Tools, tool => Assert.Contains(tool.Name, used));
        }
    }

    [Fact]
    public void Every_tool_has_a_description_and_documented_parameters()
    {
        foreach (var tool in SampleEnvironments.All.SelectMany(e => e.Tools))
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            using var schema = System.Text.Json.JsonDocument.Parse(tool.ParametersSchema);
            if (!schema.RootElement.TryGetProperty("properties", out var properties))
                continue;
            foreach (var parameter in properties.EnumerateObject())
                Assert.False(string.IsNullOrWhiteSpace(parameter.Value.GetProperty("description").GetString()), $"{tool.Name}.{parameter.Name}");
        }
    }
}
