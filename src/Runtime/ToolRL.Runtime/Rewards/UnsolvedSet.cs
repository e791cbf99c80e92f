namespace ToolRL.Rewards;

/// <summary>
/// The gold sub-answers not yet obtained in an episode, keyed by the tool that can produce them.
/// A call solves at most one sub-question: the first unsolved answer under its tool's name that
/// <see cref="AnswerVerifier.Verify"/> accepts is removed.
/// </summary>
public sealed class UnsolvedSet
{
    // Null until the first solve when the set starts from a recorded state, which is then read in place: most
    // scored turns solve nothing, and the copy would be the scorer's largest allocation.
    private Dictionary<string, List<string>>? _byTool;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>? _recorded;

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

    /// <summary>Creates the set from a recorded state's tool name → gold sub-answers (copied on the first solve; the input is not changed).</summary>
    internal UnsolvedSet(IReadOnlyDictionary<string, IReadOnlyList<string>> unsolved)
    {
        _recorded = unsolved;
        if (unsolved is Dictionary<string, IReadOnlyList<string>> concrete)
        {
            foreach (var answers in concrete.Values) // the struct enumerator: no allocation
                Total += answers.Count;
        }
        else
        {
            foreach (var answers in unsolved.Values)
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
        IReadOnlyList<string>? answers = _byTool is not null ? _byTool.GetValueOrDefault(toolName) : _recorded!.GetValueOrDefault(toolName);
        if (answers is null)
            return false;
        for (var i = 0; i < answers.Count; i++)
        {
            if (AnswerVerifier.Verify(output, answers[i]))
            {
                Own()[toolName].RemoveAt(i);
                Remaining--;
                return true;
            }
        }
        return false;
    }

    /// <summary>True when <see cref="TrySolve"/> on a set made from <paramref name="recorded"/> would solve (without making it).</summary>
    internal static bool AnySolves(IReadOnlyDictionary<string, IReadOnlyList<string>> recorded, string toolName, string output)
    {
        if (!recorded.TryGetValue(toolName, out var answers))
            return false;
        for (var i = 0; i < answers.Count; i++)
        {
            if (AnswerVerifier.Verify(output, answers[i]))
                return true;
        }
        return false;
    }

    /// <summary>This set's own answers, copied from the recorded state the first time they change.</summary>
    private Dictionary<string, List<string>> Own()
    {
        if (_byTool is not null)
            return _byTool;
        var copy = new Dictionary<string, List<string>>(_recorded!.Count, StringComparer.Ordinal);
        foreach (var (tool, recorded) in _recorded)
            copy[tool] = [.. recorded];
        return _byTool = copy;
    }

    /// <summary>A copy of the remaining answers per tool (tools with none left are omitted), for records.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Snapshot()
    {
        var copy = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (tool, answers) in Own())
        {
            if (answers.Count > 0)
                copy[tool] = answers.ToArray();
        }
        return copy;
    }
}
