namespace ToolRL.Rewards;

/// <summary>
/// The gold sub-answers not yet obtained in an episode, keyed by the tool that can produce them.
/// A call solves at most one sub-question: the first unsolved answer under its tool's name that
/// <see cref="AnswerVerifier.Verify"/> accepts is removed.
/// </summary>
public sealed class UnsolvedSet
{
    private readonly Dictionary<string, List<string>> _byTool;

    /// <summary>Creates the set from (tool name, gold sub-answer) pairs, in sub-question order.</summary>
    public UnsolvedSet(IEnumerable<(string Tool, string Answer)> subAnswers)
    {
        _byTool = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (tool, answer) in subAnswers)
        {
            if (!_byTool.TryGetValue(tool, out var list))
                _byTool[tool] = list = [];
            list.Add(answer);
            Total++;
        }
        Remaining = Total;
    }

    /// <summary>Creates the set from a recorded state's tool name → gold sub-answers (copied; the input is not changed).</summary>
    internal UnsolvedSet(IReadOnlyDictionary<string, IReadOnlyList<string>> unsolved)
    {
        _byTool = new Dictionary<string, List<string>>(unsolved.Count, StringComparer.Ordinal);
        foreach (var (tool, answers) in unsolved)
        {
            _byTool[tool] = [.. answers];
            Total += answers.Count;
        }
        Remaining = Total;
    }

    /// <summary>Number of sub-questions of the task (<c>k</c>).</summary>
    public int Total { get; }

    /// <summary>Number still unsolved (<c>u</c>).</summary>
    public int Remaining { get; private set; }

    /// <summary>Number solved so far (<c>s</c>).</summary>
    public int Solved => Total - Remaining;

    /// <summary>Fraction solved, the reference <c>solve_rate</c>; 1 for a task without sub-questions.</summary>
    public double SolveRate => Total == 0 ? 1.0 : (double)Solved / Total;

    /// <summary>Checks one executed call's output; removes and reports the first gold answer it contains.</summary>
    public bool TrySolve(string toolName, string output)
    {
        if (!_byTool.TryGetValue(toolName, out var answers))
            return false;
        for (var i = 0; i < answers.Count; i++)
        {
            if (AnswerVerifier.Verify(output, answers[i]))
            {
                answers.RemoveAt(i);
                Remaining--;
                return true;
            }
        }
        return false;
    }

    /// <summary>A copy of the remaining answers per tool (tools with none left are omitted), for records.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Snapshot()
    {
        var copy = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (tool, answers) in _byTool)
        {
            if (answers.Count > 0)
                copy[tool] = answers.ToArray();
        }
        return copy;
    }
}
