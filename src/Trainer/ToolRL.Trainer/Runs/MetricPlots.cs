using ScottPlot;

namespace ToolRL.Trainer.Runs;

/// <summary>PNG learning curves (ScottPlot) from metric records.</summary>
public static class MetricPlots
{
    /// <summary>
    /// One PNG per metric name found in <paramref name="records"/> of <paramref name="phase"/>, named
    /// <c>{phase}_{metric}.png</c> in <paramref name="directory"/>; returns (metric, path) for each plot written.
    /// Metrics without at least one finite value are skipped.
    /// </summary>
    public static IReadOnlyList<(string Metric, string Path)> SaveCurves(
        IReadOnlyList<StepMetrics> records, string phase, string directory, IEnumerable<string>? metrics = null,
        int width = 640, int height = 400)
    {
        System.IO.Directory.CreateDirectory(directory);
        var selected = records.Where(r => r.Phase == phase).OrderBy(r => r.Step).ToArray();
        var names = (metrics ?? selected.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal)).ToArray();
        var written = new List<(string, string)>();
        foreach (var name in names)
        {
            var points = selected.Where(r => double.IsFinite(r[name])).Select(r => (X: (double)r.Step, Y: r[name])).ToArray();
            if (points.Length == 0)
                continue;
            var path = System.IO.Path.Combine(directory, $"{Sanitize(phase)}_{Sanitize(name)}.png");
            SaveCurve(path, $"{phase}: {name}", "step", name, [(name, points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray())],
                width, height);
            written.Add((name, path));
        }
        return written;
    }

    /// <summary>Writes a line plot of one or more series to <paramref name="path"/>.</summary>
    public static void SaveCurve(
        string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, double[] X, double[] Y)> series, int width = 640, int height = 400)
    {
        var plot = new Plot();
        foreach (var (label, xs, ys) in series)
        {
            if (xs.Length != ys.Length)
                throw new ArgumentException($"Series '{label}' has {xs.Length} x values and {ys.Length} y values.");
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = label;
        }
        if (series.Count > 1)
            plot.ShowLegend();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        plot.SavePng(path, width, height);
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
