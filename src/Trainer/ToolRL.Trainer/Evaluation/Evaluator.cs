using ToolRL.Episodes;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Evaluation;

/// <summary>Runs held-out tasks with a policy and reports the paper's Solve-P/R/F1.</summary>
public static class Evaluator
{
    /// <summary>One episode per task (up to <see cref="EpisodeOptions.MaxTurns"/> turns) with <paramref name="sampling"/> (greedy for the paper's numbers), then the report.</summary>
    public static async Task<EvaluationReport> EvaluateAsync(
        IPolicy policy, PolicySampling sampling, IReadOnlyList<EvaluationTask> tasks, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var traces = await EpisodeBatchRunner.RunAsync(policy, sampling, tasks, options, cancellationToken).ConfigureAwait(false);
        return EvaluationReport.FromTraces(traces);
    }
}
