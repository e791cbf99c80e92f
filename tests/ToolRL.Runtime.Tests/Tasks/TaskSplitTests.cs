using ToolRL.Tasks;

namespace ToolRL.Runtime.Tests.Tasks;

public sealed class TaskSplitTests
{
    private static readonly string[] Questions = Enumerable.Range(0, 400).Select(i => $"What is the weather in city number {i}?").ToArray();

    [Fact]
    public void A_questions_side_depends_on_the_question_alone_not_on_which_others_are_split_with_it()
    {
        var split = new TaskSplit(0.3, seed: 1);
        var all = split.Partition(Questions, q => q);
        var some = split.Partition(Questions.Where((_, i) => i % 3 == 0).Reverse(), q => q);

        Assert.All(some.HeldOut, q => Assert.Contains(q, all.HeldOut));
        Assert.All(some.Train, q => Assert.Contains(q, all.Train));
        // About the fraction asked for, each side non-empty.
        Assert.InRange(all.HeldOut.Count, 80, 160);
    }

    [Fact]
    public void Case_commas_and_runs_of_whitespace_do_not_make_two_questions_differ()
    {
        Assert.Equal("what is the capital of france?", TaskSplit.Key("  What is the  capital\tof, France? "));
        var split = new TaskSplit(0.5, seed: 7);
        Assert.All(Questions, q => Assert.Equal(split.IsHeldOut(q), split.IsHeldOut(q.ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal))));
    }

    [Fact]
    public void The_seed_changes_the_split_and_the_fraction_is_checked()
    {
        var one = new TaskSplit(0.3, seed: 1).Partition(Questions, q => q).HeldOut;
        var two = new TaskSplit(0.3, seed: 2).Partition(Questions, q => q).HeldOut;
        Assert.NotEqual(one, two);
        Assert.Empty(new TaskSplit(0, seed: 1).Partition(Questions, q => q).HeldOut);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskSplit(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskSplit(double.NaN));
    }
}
