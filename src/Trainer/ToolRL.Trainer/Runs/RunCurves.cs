namespace ToolRL.Trainer.Runs;

/// <summary>
/// The learning curves every run's report shows, from its <c>metrics.jsonl</c>: SFT losses (log axis when they fall
/// by orders of magnitude), the RL reward, KL and entropy (noisy per step: a moving average drawn over the raw
/// points), and held-out Solve-P/R/F1 over time. PNGs go to <c>plots/</c> beside the report.
/// </summary>
internal static class RunCurves
{
    /// <summary>Adds a "Curves" section to <paramref name="report"/> (none when there is nothing to plot).</summary>
    public static RunReport AddCurves(this RunReport report, string runDirectory)
    {
        var records = MetricsLog.Read(Path.Combine(runDirectory, "metrics.jsonl"));
        var plots = Path.Combine(runDirectory, "plots");
        var curves = MetricPlots.SaveCurves(records, MetricNames.SftShortPhase, plots, [MetricNames.Loss], style: CurveStyle.Loss)
            .Concat(MetricPlots.SaveCurves(records, MetricNames.SftPhase, plots, [MetricNames.Loss], style: CurveStyle.Loss))
            .Concat(MetricPlots.SaveCurves(records, MetricNames.RlPhase, plots, MetricNames.RlCurves, style: CurveStyle.Noisy))
            .ToList();
        if (MetricPlots.SaveOverTime(records, MetricNames.EvalPhase, MetricNames.HeldOutCurves, Path.Combine(plots, "heldout_over_time.png"),
                "held-out Solve-P/R/F1 (x100) over RL steps", "RL step (0 = before RL)", "x100") is { } heldOutPlot)
            curves.Add(("held-out over time", heldOutPlot));
        if (curves.Count == 0)
            return report;
        report.Section("Curves");
        foreach (var (metric, image) in curves)
            report.Image(metric, image, runDirectory);
        return report;
    }
}
