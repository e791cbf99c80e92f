using ToolRL.Episodes;

namespace ToolRL.Trainer.Evaluation;

/// <summary>Runs held-out tasks with a policy and reports the paper's Solve-P/R/F1.</summary>
public static class Evaluator
{
    /// <summary>One episode per task (up to <see cref="EpisodeOptions.MaxTurns"/> turns), then the report.</summary>
    public static async Task<EvaluationReport> EvaluateAsync(
        ITurnPolicy policy, IReadOnlyList<EvaluationTask> tasks, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var traces = await EpisodeBatchRunner.RunAsync(policy, tasks, options, cancellationToken).ConfigureAwait(false);
        return EvaluationReport.FromTraces(traces);
    }
}
