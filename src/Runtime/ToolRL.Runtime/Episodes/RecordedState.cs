using ToolRL.Tasks;

namespace ToolRL.Episodes;

/// <summary>
/// An episode's state as an FTRL step record keeps it: what the reward of the next turn depends on.
/// </summary>
/// <param name="Unsolved">Tool name → gold sub-answers not yet obtained (the record's <c>unsolved_set</c>).</param>
/// <param name="SolveRate">Fraction of sub-questions solved so far (<c>solve_rate</c>).</param>
/// <param name="FinalAnswer">The task's final gold answer.</param>
public sealed record RecordedState(IReadOnlyDictionary<string, IReadOnlyList<string>> Unsolved, double SolveRate, string FinalAnswer)
{
    /// <summary>The state at the start of <paramref name="task"/>: every sub-question unsolved.</summary>
    public static RecordedState Start(EnvironmentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var unsolved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in task.SubQuestions.GroupBy(q => q.ToolName, StringComparer.Ordinal))
            unsolved[group.Key] = group.Select(q => q.Answer).ToArray();
        return new RecordedState(unsolved, task.SubQuestions.Count == 0 ? 1.0 : 0.0, task.FinalAnswer);
    }

    /// <summary>Unsolved sub-questions (<c>u</c>).</summary>
    public int UnsolvedCount => Unsolved.Values.Sum(a => a.Count);
}
