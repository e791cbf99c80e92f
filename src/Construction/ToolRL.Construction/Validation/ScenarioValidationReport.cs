using ToolRL.Tasks;

namespace ToolRL.Construction.Validation;

/// <summary>
/// Per-scenario validation totals, accumulated task by task (streaming): counts by structure and hop depth,
/// how often each tool is called, and the issues found (counts per kind and the first examples).
/// </summary>
public sealed class ScenarioValidationReport
{
    private readonly Dictionary<TaskStructure, int> _byStructure = [];
    private readonly SortedDictionary<int, int> _byDepth = [];
    private readonly Dictionary<string, int> _toolCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<TaskIssueKind, int> _issues = [];
    private readonly List<TaskIssue> _examples = [];

    /// <summary>Creates an empty report for <paramref name="scenario"/>; <paramref name="tools"/> are the tools coverage is measured against.</summary>
    public ScenarioValidationReport(string scenario, IEnumerable<string> tools)
    {
        Scenario = scenario;
        foreach (var t in tools)
            _toolCalls[t] = 0;
    }

    /// <summary>The scenario (or toolset) name.</summary>
    public string Scenario { get; }

    /// <summary>Tasks seen.</summary>
    public int Tasks { get; private set; }

    /// <summary>Tasks without issues.</summary>
    public int Valid { get; private set; }

    /// <summary>Valid tasks per structure.</summary>
    public IReadOnlyDictionary<TaskStructure, int> ByStructure => _byStructure;

    /// <summary>Valid tasks per hop depth (the longest dependent chain).</summary>
    public IReadOnlyDictionary<int, int> ByHopDepth => _byDepth;

    /// <summary>Golden calls per tool over valid tasks (0 for tools no task uses).</summary>
    public IReadOnlyDictionary<string, int> ToolCalls => _toolCalls;

    /// <summary>Tools that no valid task calls.</summary>
    public IEnumerable<string> UncoveredTools => _toolCalls.Where(p => p.Value == 0).Select(p => p.Key);

    /// <summary>Issue counts per kind.</summary>
    public IReadOnlyDictionary<TaskIssueKind, int> Issues => _issues;

    /// <summary>The first issues found (at most <see cref="MaxExamples"/>).</summary>
    public IReadOnlyList<TaskIssue> Examples => _examples;

    /// <summary>How many issue examples are kept.</summary>
    public int MaxExamples { get; init; } = 20;

    /// <summary>Adds one task and its issues; returns true when the task is valid.</summary>
    public bool Add(EnvironmentTask task, IReadOnlyList<TaskIssue> issues)
    {
        Tasks++;
        foreach (var issue in issues)
        {
            _issues[issue.Kind] = _issues.GetValueOrDefault(issue.Kind) + 1;
            if (_examples.Count < MaxExamples)
                _examples.Add(issue);
        }
        if (issues.Count > 0)
            return false;
        Valid++;
        _byStructure[task.Structure] = _byStructure.GetValueOrDefault(task.Structure) + 1;
        var depth = TaskStructures.HopDepth(task.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToArray());
        _byDepth[depth] = _byDepth.GetValueOrDefault(depth) + 1;
        foreach (var q in task.SubQuestions)
            _toolCalls[q.ToolName] = _toolCalls.GetValueOrDefault(q.ToolName) + 1;
        return true;
    }
}
