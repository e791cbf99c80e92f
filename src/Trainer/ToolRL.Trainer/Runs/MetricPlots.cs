using System.Globalization;
using ScottPlot;

namespace ToolRL.Trainer.Runs;

/// <summary>PNG learning curves (ScottPlot) from metric records.</summary>
internal static class MetricPlots
{
    /// <summary>
    /// One PNG per metric name found in <paramref name="records"/> of <paramref name="phase"/>, named
    /// <c>{phase}_{metric}.png</c> in <paramref name="directory"/>, drawn with <paramref name="style"/>; returns
    /// (metric, path) for each plot written. Metrics without at least one finite value are skipped.
    /// </summary>
    public static IReadOnlyList<(string Metric, string Path)> SaveCurves(
        IReadOnlyList<StepMetrics> records, string phase, string directory, IEnumerable<string>? metrics = null,
        int width = 640, int height = 400, CurveStyle? style = null)
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
                width, height, style);
            written.Add((name, path));
        }
        return written;
    }

    /// <summary>
    /// Several metrics of one phase over steps in one PNG, e.g. held-out Solve-P/R/F1 at each evaluation during
    /// training; written only when the phase has at least <paramref name="minimumPoints"/> records. Returns the path, or null.
    /// </summary>
    public static string? SaveOverTime(
        IReadOnlyList<StepMetrics> records, string phase, IReadOnlyList<string> metrics, string path, string title,
        string xLabel = "step", string yLabel = "value", int minimumPoints = 2, int width = 640, int height = 400)
    {
        var selected = records.Where(r => r.Phase == phase).OrderBy(r => r.Step).ToArray();
        if (selected.Length < minimumPoints)
            return null;
        var series = new List<(string, double[], double[])>();
        foreach (var name in metrics)
        {
            var points = selected.Where(r => double.IsFinite(r[name])).ToArray();
            if (points.Length > 0)
                series.Add((name, points.Select(r => (double)r.Step).ToArray(), points.Select(r => r[name]).ToArray()));
        }
        if (series.Count == 0)
            return null;
        SaveCurve(path, title, xLabel, yLabel, series, width, height, CurveStyle.Raw, markers: true);
        return path;
    }

    /// <summary>
    /// Writes a line plot of one or more series to <paramref name="path"/>. With <see cref="CurveStyle.Smoothing"/>
    /// each series gets its moving average drawn over its faint raw line; the legend then names the weight. The
    /// legend sits below the data area, never over it.
    /// </summary>
    public static void SaveCurve(
        string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, double[] X, double[] Y)> series, int width = 640, int height = 400, CurveStyle? style = null, bool markers = false)
    {
        style ??= CurveStyle.Raw;
        foreach (var (label, xs, ys) in series)
            if (xs.Length != ys.Length)
                throw new ArgumentException($"Series '{label}' has {xs.Length} x values and {ys.Length} y values.");
        bool log = style.LogScaleAtRatio is { } ratio && UseLogScale(series, ratio);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var (label, xs, ys) = series[i];
            var color = palette.GetColor(i);
            var raw = plot.Add.Scatter(xs, log ? ys.Select(Math.Log10).ToArray() : ys, color);
            raw.MarkerSize = markers || xs.Length == 1 ? 7 : 0;
            if (style.Smoothing is { } weight)
            {
                raw.Color = color.WithAlpha(0.45);
                raw.LegendText = $"{label} (raw)";
                var ema = CurveStyle.Ema(ys, weight);
                var smooth = plot.Add.Scatter(xs, log ? ema.Select(Math.Log10).ToArray() : ema, color);
                smooth.LineWidth = 2.5f;
                smooth.MarkerSize = 0;
                smooth.LegendText = string.Create(CultureInfo.InvariantCulture, $"{label}, moving average (EMA weight {weight:0.##})");
            }
            else
            {
                raw.LegendText = label;
            }
        }
        if (log)
            LogTicks(plot, series);
        // Below the data area, never over it; one raw series needs none (the title names it).
        if (series.Count > 1 || style.Smoothing is not null)
            plot.ShowLegend(Edge.Bottom);
        else
            plot.HideLegend();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(log ? $"{yLabel} (log scale)" : yLabel);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        plot.SavePng(path, width, height);
    }

    private static bool UseLogScale(IReadOnlyList<(string Label, double[] X, double[] Y)> series, double ratio)
    {
        var all = series.SelectMany(s => s.Y).ToArray();
        return all.Length > 1 && all.All(y => y > 0 && double.IsFinite(y)) && all.Max() >= ratio * all.Min();
    }

    /// <summary>Ticks at 1, 2 and 5 times each power of ten, labelled with the values (the data are drawn as log10).</summary>
    private static void LogTicks(Plot plot, IReadOnlyList<(string Label, double[] X, double[] Y)> series)
    {
        var all = series.SelectMany(s => s.Y).ToArray();
        int low = (int)Math.Floor(Math.Log10(all.Min())), high = (int)Math.Ceiling(Math.Log10(all.Max()));
        var positions = new List<double>();
        var labels = new List<string>();
        for (int e = low; e <= high; e++)
            foreach (var m in new[] { 1.0, 2.0, 5.0 })
            {
                double v = m * Math.Pow(10, e);
                if (Math.Log10(v) > high) break;
                positions.Add(Math.Log10(v));
                labels.Add(v.ToString("G3", CultureInfo.InvariantCulture));
            }
        plot.Axes.Left.SetTicks(positions.ToArray(), labels.ToArray());
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
