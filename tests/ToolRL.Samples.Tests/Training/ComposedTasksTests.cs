using ToolRL.Samples.Catalog;
using ToolRL.Tasks;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;

namespace ToolRL.Samples.Tests.Training;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

/// <summary>The embedded job's composed training tasks: every structure, real gold answers, no held-out question.</summary>
public class ComposedTasksTests
{
    [Fact]
    public void Composed_tasks_cover_every_structure_and_never_repeat_a_held_out_question()
    {
        var authored = EvaluationTask.All(SampleEnvironments.All);
        var composed = ComposedTasks.Compose(SampleEnvironments.All, authored, perStructure: 5, seed: 3);

        Assert.True(composed.Count >= 3 * 4 * 3, $"only {composed.Count} composed tasks");
        foreach (var structure in Enum.GetValues<TaskStructure>())
            Assert.Contains(composed, t => t.Task.Structure == structure);
        var heldOutKeys = authored.Select(t => ComposedTasks.Key(t.Task.Question)).ToHashSet();
        Assert.DoesNotContain(composed, t => heldOutKeys.Contains(ComposedTasks.Key(t.Task.Question)));
        Assert.All(composed, t => Assert.NotEmpty(t.Task.SubQuestions));
        Assert.Equal(3, composed.Select(t => t.Environment.Name).Distinct().Count());
    }

    [Fact]
    public void A_composed_question_equal_to_a_held_out_one_is_dropped()
    {
        var all = ComposedTasks.Compose(SampleEnvironments.All, [], perStructure: 3, seed: 5);
        var heldOut = all.Take(4).ToArray();

        var filtered = ComposedTasks.Compose(SampleEnvironments.All, heldOut, perStructure: 3, seed: 5);

        Assert.Equal(all.Count - 4, filtered.Count);
        Assert.DoesNotContain(filtered, t => heldOut.Any(h => h.Task.Question == t.Task.Question));
    }
}
