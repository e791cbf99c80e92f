using ToolRL.Samples.Catalog;
using ToolRL.Tasks;
using ToolRL.Trainer.EmbeddedDefault;

namespace ToolRL.Samples.Tests.Training;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Rollouts;

/// <summary>The embedded job's composed training tasks: every structure, real gold answers, no held-out question.</summary>
public class ComposedTasksTests
{
    [Fact]
    public void Composed_tasks_cover_every_structure_and_never_repeat_a_held_out_question()
    {
        var rule = new TaskSplit(0.3, seed: 3);
        var heldOut = EpisodeTask.All(SampleEnvironments.All).Where(t => rule.IsHeldOut(t.Task)).ToArray();
        var composed = ComposedTasks.Compose(SampleEnvironments.All, rule, heldOut: false, perStructure: 5, seed: 3);

        Assert.True(composed.Count >= 3 * 4 * 3, $"only {composed.Count} composed tasks");
        foreach (var structure in Enum.GetValues<TaskStructure>())
            Assert.Contains(composed, t => t.Task.Structure == structure);
        var heldOutKeys = heldOut.Select(t => TaskSplit.Key(t.Task.Question)).ToHashSet();
        Assert.DoesNotContain(composed, t => heldOutKeys.Contains(TaskSplit.Key(t.Task.Question)));
        Assert.All(composed, t => Assert.NotEmpty(t.Task.SubQuestions));
        Assert.Equal(3, composed.Select(t => t.Environment.Name).Distinct().Count());
    }

    [Fact]
    public void Composed_tasks_keep_the_side_the_split_rule_gives_their_question_up_to_the_count_per_structure()
    {
        var rule = new TaskSplit(0.3, seed: 5);
        var train = ComposedTasks.Compose(SampleEnvironments.All, rule, heldOut: false, perStructure: 3, seed: 5);
        var heldOut = ComposedTasks.Compose(SampleEnvironments.All, rule, heldOut: true, perStructure: 3, seed: 9);

        Assert.All(train, t => Assert.False(rule.IsHeldOut(t.Task)));
        Assert.All(heldOut, t => Assert.True(rule.IsHeldOut(t.Task)));
        foreach (var side in new[] { train, heldOut })
            Assert.All(side.GroupBy(t => (t.Environment.Name, t.Task.Structure)), g => Assert.InRange(g.Count(), 1, 3)); // fewer where an environment has few distinct questions
        Assert.Empty(train.Select(t => TaskSplit.Key(t.Task.Question)).Intersect(heldOut.Select(t => TaskSplit.Key(t.Task.Question))));
    }
}
