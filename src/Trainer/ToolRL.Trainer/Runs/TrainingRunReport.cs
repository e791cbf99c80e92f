using System.Globalization;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// <c>report.md</c> of a run on the resumable loop (<c>train --model</c>, <c>sft</c>), read from its
/// <c>metrics.jsonl</c>: the held-out evaluations over time (Solve-P/R/F1, the strict F1 beside them), the last one by
/// structure, the first and last metrics of the training phase, and the curves every run's report has.
/// </summary>
internal static class TrainingRunReport
{
    /// <summary>
    /// Writes <c>report.md</c> into <paramref name="runDirectory"/> (atomically); returns its path.
    /// <paramref name="lastEvaluationByStructure"/> is the last evaluation's Markdown table (text, so that runs need not know evaluation's types).
    /// </summary>
    public static string Write(string runDirectory, string title, string summary, string? lastEvaluationByStructure, string phase = MetricNames.RlPhase)
    {
        var records = MetricsLog.Read(Path.Combine(runDirectory, "metrics.jsonl"));
        var report = new RunReport(title).Paragraph(summary);
        var evaluations = records.Where(r => r.Phase == MetricNames.EvalPhase).OrderBy(r => r.Step).ToArray();
        if (evaluations.Length > 0)
        {
            var table = new MarkdownTable($"after {phase.ToUpperInvariant()} step", "Solve-P", "Solve-R", "Solve-F1", "strict Solve-F1");
            foreach (var e in evaluations)
                table.Add(e.Step.ToString(CultureInfo.InvariantCulture), F(e[MetricNames.SolveP]), F(e[MetricNames.SolveR]),
                    F(e[MetricNames.SolveF1]), F(e[MetricNames.StrictSolveF1]));
            report.Section("Held-out evaluation").Table(table);
        }
        if (lastEvaluationByStructure is not null)
            report.Section("Last evaluation by structure").Paragraph(lastEvaluationByStructure);
        report.Section("Training").FirstLast(records, phase)
            .Paragraph("Metrics per step: metrics.jsonl; TensorBoard events: tensorboard/; checkpoints: checkpoints/.");
        var path = Path.Combine(runDirectory, "report.md");
        report.AddCurves(runDirectory).Save(path);
        return path;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "–";
}
