using ToolRL.Rewards;

namespace ToolRL.Runtime.Tests.Rewards;

/// <summary>An unsolved set started from a recorded state: read in place, copied on its first solve.</summary>
public sealed class UnsolvedSetTests
{
    [Fact]
    public void A_set_from_a_recorded_state_solves_each_answer_once_and_never_changes_the_record()
    {
        var recorded = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["t"] = ["a", "b"], ["u"] = [] };
        var set = new UnsolvedSet(recorded);
        Assert.Equal(2, set.Total);
        Assert.Equal(["a", "b"], set.Snapshot()["t"]); // before any solve: the record's answers
        Assert.False(set.TrySolve("v", "a"));
        Assert.False(set.TrySolve("t", "c"));
        Assert.Equal(2, set.Remaining);

        Assert.True(set.TrySolve("t", "A!"));
        Assert.False(set.TrySolve("t", "a")); // gone from this set
        Assert.True(set.TrySolve("t", "b"));
        Assert.Equal(0, set.Remaining);
        Assert.Empty(set.Snapshot());
        Assert.Equal(["a", "b"], recorded["t"]);
    }
}
