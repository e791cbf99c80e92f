using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Validation;

namespace Construction.Tests;

/// <summary>The one entry point for composed tasks that export and training share: only what the validator accepts.</summary>
public sealed class ComposeValidatedTests
{
    private static readonly CompositionOptions Few = new() { Seed = 1, SingleHop = 4, ParallelSingleHop = 4, MultiHop = 4, ParallelMultiHop = 4 };

    [Fact]
    public void Non_discriminative_composed_tasks_never_come_out_and_are_recorded_as_rejected()
    {
        var source = ConstantScenario.Create();
        var composed = ConstructionPipeline.ComposeValidated(source, Few, validate: false).ToList();
        var report = new ScenarioValidationReport(source.Name, source.Tools.Select(t => t.Name));

        var validated = ConstructionPipeline.ComposeValidated(source, Few, validation: report).ToList();

        Assert.NotEmpty(composed);
        Assert.Empty(validated);
        Assert.Equal(composed.Count, report.Tasks);
        Assert.Equal(0, report.Valid);
        Assert.True(report.Issues[TaskIssueKind.NotDiscriminative] >= composed.Count);
    }

    [Fact]
    public void Sound_composed_tasks_all_come_out_in_composition_order()
    {
        var validated = ConstructionPipeline.ComposeValidated(TestScenarios.Geo(), Few).Select(t => t.Id).ToList();
        Assert.Equal(Compose.Geo(each: 4).Select(t => t.Id), validated);
    }

    [Fact]
    public void Describe_counts_only_what_compose_validated_lets_through()
    {
        var source = ConstantScenario.Create();
        var report = ConstructionPipeline.Describe([source], new ConstructionPlan { Composition = Few });
        var validation = Assert.Single(report.ValidationReports).Value;
        Assert.Equal(0, validation.Valid);
        Assert.True(validation.Tasks > 0);
    }
}
