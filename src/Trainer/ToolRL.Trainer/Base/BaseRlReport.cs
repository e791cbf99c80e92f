using System.Globalization;
using ToolRL.Trainer.Analysis;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Base;

/// <summary>The experiment's <c>report.md</c>: the paper's three findings, measured, with the curves every run has.</summary>
internal static class BaseRlReport
{
    public static string Write(BaseRlResult r, EmbeddedDefaultOptions o, string runDirectory)
    {
        var inv = CultureInfo.InvariantCulture;
        var scores = new MarkdownTable("held-out set", "tasks", "Solve-F1 base", "Solve-F1 after RL", "change", "Solve-P base → after", "Solve-R base → after")
            .Add("targets (the RL environments' held-out tasks)", r.HeldOutTasks.ToString(inv), F(r.TargetsBefore.Overall.SolveF1), F(r.TargetsAfter.Overall.SolveF1),
                D(r.TargetsAfter.Overall.SolveF1 - r.TargetsBefore.Overall.SolveF1),
                $"{F(r.TargetsBefore.Overall.SolveP)} → {F(r.TargetsAfter.Overall.SolveP)}", $"{F(r.TargetsBefore.Overall.SolveR)} → {F(r.TargetsAfter.Overall.SolveR)}")
            .Add("general (procedural scenarios RL never touched)", r.GeneralTasks.ToString(inv), F(r.GeneralBefore.Overall.SolveF1), F(r.GeneralAfter.Overall.SolveF1),
                D(r.GeneralAfter.Overall.SolveF1 - r.GeneralBefore.Overall.SolveF1),
                $"{F(r.GeneralBefore.Overall.SolveP)} → {F(r.GeneralAfter.Overall.SolveP)}", $"{F(r.GeneralBefore.Overall.SolveR)} → {F(r.GeneralAfter.Overall.SolveR)}");
        var summary = string.Create(inv,
            $"""
            Seed {r.Seed}. Base: `{r.BaseDirectory}` (the generalist base; it has never seen these environments). RL ({o.Algorithm}) with the step reward only, on step records of the
            policy's own episodes in {r.TrainTasks} training tasks: {r.RlSteps} iterations of {o.RlPromptsPerIteration} prompts × {o.RlGroupSize} samples, lr {o.RlLearningRate:R},
            in {r.RlElapsed.TotalSeconds:F0} s; wall time {r.Elapsed.TotalSeconds:F0} s. No demonstration of a target task is used.

            {scores}

            Mean reward of the sampled groups: {(r.Rl.Count > 0 ? r.Rl[0].MeanReward : double.NaN):F3} (first iteration) → {(r.Rl.Count > 0 ? r.Rl[^1].MeanReward : double.NaN):F3} (last).
            """);
        var sections = $"""
            ### Targets, base

            {r.TargetsBefore.ToMarkdown()}

            ### Targets, after RL

            {r.TargetsAfter.ToMarkdown()}

            ### General capability, base → after RL

            {r.GeneralBefore.ToMarkdown()}

            {r.GeneralAfter.ToMarkdown()}

            ### Where the update went (‖θ₁ − θ₀‖ / ‖θ₀‖; full table in parameter-change.md, heat map parameter-change.png)

            {ParameterChangeAnalysis.KindSummary(r.Changes)}

            ![parameter change](parameter-change.png)
            """;
        return TrainingRunReport.Write(runDirectory, "Embedded default: RL from the generalist base", summary, sections, MetricNames.RlPhase);
    }

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
    private static string D(double v) => v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
