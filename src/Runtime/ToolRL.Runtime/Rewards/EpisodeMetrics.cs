namespace ToolRL.Rewards;

/// <summary>
/// The paper's per-task evaluation metrics (<c>s</c> solved, <c>c</c> calls made, <c>k</c> sub-questions):
/// Solve-P = s/c (1 when c = 0), Solve-R = s/k, Solve-F1 = 2s/(c+k). Reported as averages ×100.
/// </summary>
public readonly record struct EpisodeMetrics(int Solved, int Calls, int SubQuestions)
{
    /// <summary>Solve-P = s/c, 1 when no call was made.</summary>
    public double SolveP => Calls == 0 ? 1.0 : (double)Solved / Calls;
    /// <summary>Solve-R = s/k.</summary>
    public double SolveR => SubQuestions == 0 ? 1.0 : (double)Solved / SubQuestions;
    /// <summary>Solve-F1 = 2s/(c+k).</summary>
    public double SolveF1 => Calls + SubQuestions == 0 ? 1.0 : 2.0 * Solved / (Calls + SubQuestions);

    /// <summary>The mean of each metric over <paramref name="episodes"/>, ×100.</summary>
    public static (double SolveP, double SolveR, double SolveF1) Average(IReadOnlyCollection<EpisodeMetrics> episodes)
    {
        if (episodes.Count == 0)
            return (0, 0, 0);
        double p = 0, r = 0, f = 0;
        foreach (var e in episodes)
        {
            p += e.SolveP;
            r += e.SolveR;
            f += e.SolveF1;
        }
        return (100 * p / episodes.Count, 100 * r / episodes.Count, 100 * f / episodes.Count);
    }
}
