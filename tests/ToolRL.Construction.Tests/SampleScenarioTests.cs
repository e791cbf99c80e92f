using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Validation;
using ToolRL.Tasks;

namespace Construction.Tests;

/// <summary>Construction over the SDK's generated sample scenarios (travel, shop: hand-written implementations; library: facts only).</summary>
public sealed class SampleScenarioTests
{
    [Fact]
    public void Every_sample_scenario_composes_all_four_structures_that_validate()
    {
        var plan = new ConstructionPlan { Composition = new() { SingleHop = 20, ParallelSingleHop = 20, MultiHop = 20, ParallelMultiHop = 20, MaxConsecutiveFailures = 500 } };
        var report = ConstructionPipeline.Describe(SampleSources.All(), plan);
        foreach (var name in new[] { "travel", "shop", "library" })
        {
            var counts = report.Counts[name]["base"];
            Assert.All(Enum.GetValues<TaskStructure>(), s => Assert.True(counts.GetValueOrDefault(s) > 0, $"{name} has no {s} task"));
            var validation = report.ValidationReports[name];
            Assert.True(validation.Valid >= validation.Tasks * 0.9, $"{name}: only {validation.Valid} of {validation.Tasks} valid");
        }
    }

    [Fact]
    public void Authored_tasks_seed_domains_and_demonstrated_links_add_observed_outputs()
    {
        var travel = SampleSources.Travel();
        Assert.NotEmpty(travel.ObservedCalls);
        var domains = ValueDomains.FromScenario(travel);
        // No facts: every value comes from authored tasks' calls or from outputs observed along their links.
        Assert.Empty(travel.Facts);
        Assert.NotEmpty(domains.For("get_capital", "country"));
        var composed = new TaskComposer(travel, domains).Compose(new CompositionOptions { SingleHop = 0, ParallelSingleHop = 0, MultiHop = 30, ParallelMultiHop = 0 }).ToList();
        Assert.Equal(30, composed.Count);
        var authoredArguments = travel.ObservedCalls.Select(c => c.ToolName + c.ArgumentsJson).ToHashSet();
        Assert.Contains(composed.SelectMany(t => t.SubQuestions), q => q.DependsOn.Count > 0 && !authoredArguments.Contains(q.ToolName + q.ArgumentsJson));
    }

    [Fact]
    public void Composed_library_tasks_are_all_discriminative()
    {
        // The generated facts implementation answers unknown arguments with "No record found for tool(arg=...)",
        // which repeats the argument. The library's relations are closed (every author a call can reach has a
        // fact), so no wrong call can echo a gold answer; ValidationTests covers the detector itself.
        var library = SampleSources.Library();
        var tasks = new TaskComposer(library).Compose(new CompositionOptions { SingleHop = 40, ParallelSingleHop = 0, MultiHop = 40, ParallelMultiHop = 0 }).ToList();
        Assert.NotEmpty(tasks);
        var validator = TaskValidator.For(library);
        var flagged = tasks.SelectMany(validator.Validate).ToList();
        Assert.Empty(flagged);
    }
}
