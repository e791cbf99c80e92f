using System.Diagnostics;
using System.Globalization;
using ToolRL.Episodes;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Evaluation;

/// <summary>
/// The held-out evaluation every run makes: greedy episodes on the held-out tasks, Solve-P/R/F1 under the reference
/// rule with the strict rule's F1 beside them (one <see cref="MetricNames.EvalPhase"/> record), and the episodes'
/// traces in the run folder (<c>heldout-LABEL.jsonl</c>, the same format <c>eval --traces</c> writes).
/// </summary>
internal sealed class HeldOutEvaluation : ITrainingEvaluation
{
    private readonly IPolicy _policy;
    private readonly PolicySampling _sampling;
    private readonly IReadOnlyList<EpisodeTask> _tasks;
    private readonly EpisodeOptions _options;
    private readonly string _runDirectory;
    private readonly TextWriter _progress;
    private readonly Func<int, string> _label;
    private readonly SortedDictionary<int, EvaluationReport> _reports = [];

    /// <summary>Creates the evaluation.</summary>
    /// <param name="policy">The policy being trained (evaluated as it is at each call).</param>
    /// <param name="sampling">Sampling for the episodes (greedy for comparable numbers).</param>
    /// <param name="tasks">The held-out tasks.</param>
    /// <param name="options">Episode options (turn limit, reward variant; the solve rule of the reported numbers).</param>
    /// <param name="runDirectory">Where the traces go.</param>
    /// <param name="progress">One line per evaluation.</param>
    /// <param name="label">The label of an evaluation after a step (traces file and progress line); default <c>step-N</c>.</param>
    public HeldOutEvaluation(IPolicy policy, PolicySampling sampling, IReadOnlyList<EpisodeTask> tasks, EpisodeOptions options,
        string runDirectory, TextWriter progress, Func<int, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(tasks);
        (_policy, _sampling, _tasks, _options, _runDirectory, _progress) = (policy, sampling, tasks, options, runDirectory, progress);
        _label = label ?? (step => string.Create(CultureInfo.InvariantCulture, $"step {step}"));
    }

    /// <summary>The reports of this process's evaluations, by step.</summary>
    public IReadOnlyDictionary<int, EvaluationReport> Reports => _reports;

    /// <summary>The traces file of the evaluation after <paramref name="step"/>.</summary>
    public string TracesPath(int step) => Path.Combine(_runDirectory, $"heldout-{_label(step).Replace(' ', '-')}.jsonl");

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StepMetrics>> EvaluateAsync(int step, CancellationToken cancellationToken)
    {
        var report = await EvaluateReportAsync(step, cancellationToken).ConfigureAwait(false);
        return [Record(step, report)];
    }

    /// <summary>Runs the evaluation after <paramref name="step"/>, writes its traces and returns its report.</summary>
    public async Task<EvaluationReport> EvaluateReportAsync(int step, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var traces = await Evaluator.RunAsync(_policy, _sampling, _tasks, _options, cancellationToken).ConfigureAwait(false);
        var report = EvaluationReport.FromTraces(traces);
        EpisodeTraceWriter.Write(TracesPath(step), traces);
        _reports[step] = report;
        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"eval {_label(step)}: {report.Overall} in {clock.Elapsed.TotalSeconds:F0} s"));
        return report;
    }

    /// <summary>The metrics record of <paramref name="report"/> after <paramref name="step"/>.</summary>
    public static StepMetrics Record(int step, EvaluationReport report) => new(step, MetricNames.EvalPhase, new Dictionary<string, double>
    {
        [MetricNames.SolveP] = report.Overall.SolveP,
        [MetricNames.SolveR] = report.Overall.SolveR,
        [MetricNames.SolveF1] = report.Overall.SolveF1,
        [MetricNames.StrictSolveF1] = report.OverallStrict.SolveF1,
    });
}
