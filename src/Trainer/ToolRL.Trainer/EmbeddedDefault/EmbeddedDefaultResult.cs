using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Sft;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>What the embedded default job measured.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="RunDirectory">The run folder (report.md, metrics.jsonl, tokenizer, model).</param>
/// <param name="TrainTasks">Tasks trained on.</param>
/// <param name="HeldOutTasks">Tasks evaluated (authored and composed).</param>
/// <param name="VocabularySize">Tokens in the restricted vocabulary.</param>
/// <param name="Vocabulary">Which vocabulary was used and why.</param>
/// <param name="Sft">The SFT run.</param>
/// <param name="AfterSft">Held-out evaluation after SFT, before RL.</param>
/// <param name="Rl">Each RL update's statistics.</param>
/// <param name="AfterRl">Held-out evaluation after RL.</param>
/// <param name="Elapsed">Wall time of the whole job.</param>
/// <param name="ShortContextSft">The short-context SFT stage before <paramref name="Sft"/>, when it ran.</param>
/// <param name="HeldOutBySource">The held-out scores of the authored and of the composed held-out tasks.</param>
public sealed record EmbeddedDefaultResult(
    int Seed,
    string RunDirectory,
    int TrainTasks,
    int HeldOutTasks,
    int VocabularySize,
    string Vocabulary,
    SftResult Sft,
    EvaluationReport AfterSft,
    IReadOnlyList<RlUpdateStats> Rl,
    EvaluationReport AfterRl,
    TimeSpan Elapsed,
    SftResult? ShortContextSft = null,
    IReadOnlyList<HeldOutSourceScores>? HeldOutBySource = null)
{
    /// <summary>Where the warm-start (SFT) data came from, in words.</summary>
    public string? WarmStartData { get; init; }
}

/// <summary>Held-out scores of one source of held-out tasks, after SFT and after RL.</summary>
/// <param name="Source">"authored" or "composed".</param>
/// <param name="Tasks">Tasks from that source.</param>
/// <param name="AfterSft">Scores after SFT.</param>
/// <param name="AfterRl">Scores after RL.</param>
public sealed record HeldOutSourceScores(string Source, int Tasks, SolveScores AfterSft, SolveScores AfterRl)
{
    /// <summary>The authored held-out tasks' scores, then the composed ones' when the plan has any (reports list them in that order).</summary>
    internal static IReadOnlyList<HeldOutSourceScores> BySource(EmbeddedDefaultTasks plan, EvaluationReport afterSft, EvaluationReport afterRl)
    {
        var sources = new List<HeldOutSourceScores> { Of("authored", afterSft, afterRl, 0, plan.Split.HeldOut.Count) };
        if (plan.HeldOutComposed.Count > 0) sources.Add(Of("composed", afterSft, afterRl, plan.Split.HeldOut.Count, plan.HeldOutComposed.Count));
        return sources;
    }

    private static HeldOutSourceScores Of(string name, EvaluationReport afterSft, EvaluationReport afterRl, int start, int count) =>
        new(name, count,
            SolveScores.Of(afterSft.PerTask.Skip(start).Take(count).Select(t => t.Metrics).ToArray()),
            SolveScores.Of(afterRl.PerTask.Skip(start).Take(count).Select(t => t.Metrics).ToArray()));
}
