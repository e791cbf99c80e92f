using ToolRL.Construction.Sources;
using ToolRL.Construction.Validation;
using ToolRL.Samples.Catalog;
using ToolRL.Trainer.EmbeddedDefault;
using Xunit.Abstractions;

namespace ToolRL.Samples.Tests.Training;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

/// <summary>The embedded job trains and evaluates only on composed tasks that <c>export</c>'s validator accepts.</summary>
public class ComposedTaskValidationTests(ITestOutputHelper output)
{
    [Fact]
    public void No_composed_task_of_the_seed_1_plan_is_one_the_validator_rejects()
    {
        // Before the composed tasks were validated, seed 1's training tasks held two non-discriminative travel tasks
        // (the distance between Paris and Bern): every wrong city pair gave an output that still passed.
        var plan = EmbeddedDefaultTasks.Plan(new EmbeddedDefaultOptions(), SampleEnvironments.All);
        output.WriteLine($"authored train {plan.Split.Train.Count}, composed train {plan.Composed.Count}, " +
            $"authored held out {plan.Split.HeldOut.Count}, composed held out {plan.HeldOutComposed.Count}");
        var validators = SampleEnvironments.All.ToDictionary(e => e.Name, e => TaskValidator.For(ScenarioSource.FromEnvironment(e)));

        Assert.NotEmpty(plan.Composed);
        Assert.NotEmpty(plan.HeldOutComposed);
        foreach (var task in plan.Composed.Concat(plan.HeldOutComposed))
            Assert.True(validators[task.Environment.Name].Validate(task.Task) is [], $"{task.Task.Id} ({task.Task.Question}) is rejected by the validator");
    }
}
