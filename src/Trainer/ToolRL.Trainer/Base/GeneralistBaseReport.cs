using System.Globalization;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Base;

/// <summary>The base's <c>report.md</c>: the recipe, the data, the loss curve and the zero-shot scores.</summary>
internal static class GeneralistBaseReport
{
    public static string Write(GeneralistBaseResult r, GeneralistBaseOptions o, string path)
    {
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"""
            Recipe: `dotnet run --project samples/ToolRL.Samples -c Release -- base --out {Path.GetFileName(r.RunDirectory)}` (seed {o.Seed}).
            Universe: {r.Universe.Scenarios} scenarios, {r.Universe.Tools} tools, {r.Universe.Facts} facts, {r.Universe.Tasks} tasks. Trained on {r.TrainTasks} tasks ({r.Sequences} sequences), {r.HeldOutTasks} held out by question.
            Model: tiny Qwen3, {o.Model.Layers} layers, hidden {o.Model.HiddenSize}, generic Qwen3 vocabulary; SFT {r.Sft.Losses.Count} steps, batch {o.BatchSize}, lr {o.LearningRate:R},
            final loss {r.Sft.Losses.LastOrDefault():F4}, {r.Sft.TokensPerSecond:F0} tokens/s; run time {r.Elapsed.TotalMinutes:F1} min.
            The target environments' tasks are never trained on: their scores are zero-shot.
            """);
        var tables = $"""
            ### Zero-shot, universe held out (general capability)

            {r.General.ToMarkdown()}

            ### Zero-shot, targets held out (never seen)

            {r.Targets.ToMarkdown()}
            """;
        File.Delete(path);
        return TrainingRunReport.Write(Path.GetDirectoryName(path)!, "Generalist base", summary, tables, MetricNames.SftPhase);
    }
}
