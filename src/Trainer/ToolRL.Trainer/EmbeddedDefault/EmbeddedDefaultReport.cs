using System.Globalization;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>The run folder's Markdown report of the embedded default job.</summary>
public static class EmbeddedDefaultReport
{
    /// <summary>Writes <c>report.md</c> (atomically).</summary>
    public static void Write(EmbeddedDefaultResult r, EmbeddedDefaultOptions o, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        var report = new RunReport("Embedded default run")
            .Paragraph(string.Create(inv,
                $"Seed {r.Seed}; {r.TrainTasks} training tasks, {r.HeldOutTasks} held out; vocabulary {r.Vocabulary}; " +
                $"Qwen3 architecture, {o.Model.Layers} layers, hidden {o.Model.HiddenSize}; " +
                $"wall time {r.Elapsed.TotalSeconds:F0} s."))
            .Paragraph(r.WarmStartData is null ? "" : $"Warm-start (SFT) data: {r.WarmStartData}.")
            .Section("Held-out evaluation")
            .Table(new MarkdownTable("phase", "Solve-P", "Solve-R", "Solve-F1", "strict Solve-F1")
                .Add("after SFT", F(r.AfterSft.Overall.SolveP), F(r.AfterSft.Overall.SolveR), F(r.AfterSft.Overall.SolveF1), F(r.AfterSft.OverallStrict.SolveF1))
                .Add("after RL", F(r.AfterRl.Overall.SolveP), F(r.AfterRl.Overall.SolveR), F(r.AfterRl.Overall.SolveF1), F(r.AfterRl.OverallStrict.SolveF1)))
            .Paragraph(r.HeldOutBySource is not { Count: > 1 } sources ? "" : BySource(sources).ToString())
            .Paragraph(RlVerdict(r))
            .Section("After SFT by structure").Paragraph(r.AfterSft.ToMarkdown())
            .Section("After RL by structure").Paragraph(r.AfterRl.ToMarkdown())
            .Section("Training")
            .Paragraph(r.ShortContextSft is not { Losses.Count: > 0 } shortSft ? "" : string.Create(inv,
                $"Short-context SFT (no tool block): {shortSft.Losses.Count} steps, loss {shortSft.Losses[0]:F3} → {shortSft.Losses[^1]:F3}, {shortSft.Elapsed.TotalSeconds:F0} s."))
            .Paragraph(string.Create(inv,
                $"SFT: {r.Sft.Losses.Count} steps, loss {(r.Sft.Losses.Count > 0 ? r.Sft.Losses[0] : double.NaN):F3} → {(r.Sft.Losses.Count > 0 ? r.Sft.Losses[^1] : double.NaN):F3}, " +
                $"{r.Sft.TokensPerSecond:F0} tokens/s. RL ({o.Algorithm}): {r.Rl.Count} updates, mean reward " +
                $"{(r.Rl.Count > 0 ? r.Rl[0].MeanReward : double.NaN):F3} → {(r.Rl.Count > 0 ? r.Rl[^1].MeanReward : double.NaN):F3}. Metrics per step: metrics.jsonl."));

        report.AddCurves(Path.GetDirectoryName(Path.GetFullPath(path))!);
        report.Save(path);
    }

    /// <summary>
    /// One sentence: did RL help, from the held-out Solve-F1 after SFT and after RL, overall and per source. A
    /// change within one point either way (under one task's weight on ~100 tasks) counts as none.
    /// </summary>
    internal static string RlVerdict(EmbeddedDefaultResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        double delta = r.AfterRl.Overall.SolveF1 - r.AfterSft.Overall.SolveF1;
        string verdict = delta > 1 ? "RL helped" : delta < -1 ? "RL hurt" : "RL made no clear difference";
        string sources = r.HeldOutBySource is not { Count: > 1 } bySource ? "" : " (" + string.Join(", ",
            bySource.Select(s => string.Create(inv, $"{s.Source} {s.AfterRl.SolveF1 - s.AfterSft.SolveF1:+0.00;-0.00;0.00}"))) + ")";
        return string.Create(inv,
            $"**Did RL help?** {verdict}: held-out Solve-F1 went {r.AfterSft.Overall.SolveF1:F2} → {r.AfterRl.Overall.SolveF1:F2} ({delta:+0.00;-0.00;0.00} points{sources}; a change within ±1 point counts as none).");
    }

    private static MarkdownTable BySource(IReadOnlyList<HeldOutSourceScores> sources)
    {
        var table = new MarkdownTable("held-out tasks", "tasks", "Solve-F1 after SFT", "Solve-F1 after RL");
        foreach (var s in sources)
            table.Add(s.Source, s.Tasks.ToString(CultureInfo.InvariantCulture), F(s.AfterSft.SolveF1), F(s.AfterRl.SolveF1));
        return table;
    }

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
