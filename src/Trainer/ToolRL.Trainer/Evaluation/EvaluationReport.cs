using System.Globalization;
using System.Text;
using ToolRL.Rewards;
using ToolRL.Tasks;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Evaluation;

/// <summary>Solve-P/R/F1 averages ×100 over a set of episodes.</summary>
/// <param name="Tasks">Episodes averaged.</param>
/// <param name="SolveP">Mean Solve-P ×100.</param>
/// <param name="SolveR">Mean Solve-R ×100.</param>
/// <param name="SolveF1">Mean Solve-F1 ×100.</param>
public readonly record struct SolveScores(int Tasks, double SolveP, double SolveR, double SolveF1)
{
    /// <summary>The averages of <paramref name="metrics"/> (<see cref="EpisodeMetrics.Average"/>).</summary>
    public static SolveScores Of(IReadOnlyCollection<EpisodeMetrics> metrics)
    {
        var (p, r, f) = EpisodeMetrics.Average(metrics);
        return new SolveScores(metrics.Count, p, r, f);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Solve-P {SolveP:F2}  Solve-R {SolveR:F2}  Solve-F1 {SolveF1:F2}  ({Tasks} tasks)");
}

/// <summary>One task's evaluation result.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Scenario">The environment name.</param>
/// <param name="Structure">The task's structure.</param>
/// <param name="Metrics">Solved, calls, sub-questions.</param>
/// <param name="Turns">Assistant turns taken.</param>
public sealed record TaskEvaluation(string TaskId, string Scenario, TaskStructure Structure, EpisodeMetrics Metrics, int Turns)
{
    /// <summary>The metrics under the strict solve rule (only returned values solve).</summary>
    public EpisodeMetrics StrictMetrics { get; init; } = Metrics;
}

/// <summary>Held-out evaluation: per-task metrics, the overall averages and a per-structure breakdown.</summary>
/// <param name="PerTask">Each task in evaluation order.</param>
/// <param name="Overall">Averages over all tasks.</param>
/// <param name="ByStructure">Averages per task structure (only structures present).</param>
/// <remarks>
/// The metrics are those of the episodes' solve rule: the reference rule in evaluation, so that numbers are
/// comparable with the paper's. <see cref="OverallStrict"/> gives the strict rule's beside them: a gap between
/// the two is reward the policy earned from error texts or no-record fallbacks that echoed its own arguments.
/// </remarks>
public sealed record EvaluationReport(
    IReadOnlyList<TaskEvaluation> PerTask,
    SolveScores Overall,
    IReadOnlyDictionary<TaskStructure, SolveScores> ByStructure)
{
    /// <summary>Averages over all tasks under the strict solve rule.</summary>
    public SolveScores OverallStrict => SolveScores.Of(PerTask.Select(t => t.StrictMetrics).ToArray());

    /// <summary>Summarizes finished episodes.</summary>
    public static EvaluationReport FromTraces(IReadOnlyList<EpisodeTrace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var perTask = traces.Select(t => new TaskEvaluation(t.Task.Task.Id, t.Task.Environment.Name, t.Task.Task.Structure, t.Metrics, t.Steps.Count)
        {
            StrictMetrics = t.StrictMetrics,
        }).ToArray();
        var byStructure = perTask.GroupBy(t => t.Structure).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => SolveScores.Of(g.Select(t => t.Metrics).ToArray()));
        return new EvaluationReport(perTask, SolveScores.Of(perTask.Select(t => t.Metrics).ToArray()), byStructure);
    }

    /// <summary>A Markdown table: overall, then one row per structure; the strict Solve-F1 beside the reference one.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder("| tasks | structure | Solve-P | Solve-R | Solve-F1 | strict Solve-F1 |\n|---|---|---|---|---|---|\n");
        void Row(string name, SolveScores s, SolveScores strict) => sb.Append(CultureInfo.InvariantCulture,
            $"| {s.Tasks} | {name} | {s.SolveP:F2} | {s.SolveR:F2} | {s.SolveF1:F2} | {strict.SolveF1:F2} |\n");
        Row("all", Overall, OverallStrict);
        foreach (var (structure, scores) in ByStructure)
            Row(structure.ToString(), scores, SolveScores.Of(PerTask.Where(t => t.Structure == structure).Select(t => t.StrictMetrics).ToArray()));
        return sb.ToString();
    }
}
