using FsCheck;
using FsCheck.Xunit;
using ToolRL.Rewards;

namespace ToolRL.Runtime.Tests.Rewards;

/// <summary>
/// Invariants of the step-reward variants for 0 ≤ tmp ≤ n. Note: F1 = 2·tmp/(n+1) is not bounded by 1 in
/// general (tmp = n = 3 gives 1.5); it is below 2, and at most 1 exactly when 2·tmp ≤ n + 1.
/// </summary>
public sealed class StepRewardProperties
{
    private static (int Tmp, int N) Counts(PositiveInt n, NonNegativeInt tmp) => (tmp.Get % (n.Get + 1), n.Get);

    [Property]
    public bool All_variants_are_non_negative_and_bounded(PositiveInt n, NonNegativeInt t)
    {
        var (tmp, calls) = Counts(n, t);
        var f1 = StepReward.ForToolCalls(StepRewardVariant.F1, tmp, calls);
        var p = StepReward.ForToolCalls(StepRewardVariant.Precision, tmp, calls);
        var rate = StepReward.ForToolCalls(StepRewardVariant.Rate, tmp, calls);
        var pr = StepReward.ForToolCalls(StepRewardVariant.PR, tmp, calls);
        return f1 >= 0 && f1 < 2 && (f1 <= 1) == (2 * tmp <= calls + 1)
            && p is >= 0 and <= 1
            && rate == tmp
            && pr >= 0 && pr <= tmp && Math.Abs(pr - tmp * p) < 1e-12;
    }

    [Property]
    public bool More_solved_never_lowers_the_reward(PositiveInt n, NonNegativeInt t)
    {
        var (tmp, calls) = Counts(n, t);
        if (tmp == calls)
            return true;
        foreach (var v in Enum.GetValues<StepRewardVariant>())
        {
            if (StepReward.ForToolCalls(v, tmp + 1, calls) <= StepReward.ForToolCalls(v, tmp, calls))
                return false;
        }
        return true;
    }

    [Property]
    public bool More_calls_for_the_same_solved_count_never_raise_the_reward(PositiveInt n, NonNegativeInt t)
    {
        var (tmp, calls) = Counts(n, t);
        foreach (var v in Enum.GetValues<StepRewardVariant>())
        {
            if (StepReward.ForToolCalls(v, tmp, calls + 1) > StepReward.ForToolCalls(v, tmp, calls))
                return false;
        }
        return true;
    }

    [Property]
    public bool Solve_F1_is_the_harmonic_mean_of_P_and_R_and_all_lie_in_0_1(NonNegativeInt s, NonNegativeInt extraCalls, NonNegativeInt extraK)
    {
        var m = new EpisodeMetrics(s.Get, s.Get + extraCalls.Get, s.Get + extraK.Get);
        var inRange = m.SolveP is >= 0 and <= 1 && m.SolveR is >= 0 and <= 1 && m.SolveF1 is >= 0 and <= 1;
        if (s.Get == 0)
            return inRange && m.SolveR == (m.SubQuestions == 0 ? 1 : 0);
        return inRange && Math.Abs(m.SolveF1 - 2 / (1 / m.SolveP + 1 / m.SolveR)) < 1e-9;
    }

    [Property]
    public bool Unsolved_set_solves_at_most_one_per_call(NonNegativeInt copies, string output)
    {
        var set = new UnsolvedSet(Enumerable.Repeat(("t", "x"), copies.Get % 5 + 1));
        var before = set.Remaining;
        var solved = set.TrySolve("t", output ?? "");
        return before - set.Remaining == (solved ? 1 : 0) && set.Solved + set.Remaining == set.Total;
    }
}
