using ToolRL.Episodes;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Evaluation;

/// <summary>Runs held-out tasks with a policy and reports the paper's Solve-P/R/F1.</summary>
public static class Evaluator
{
    /// <summary>One episode per task (up to <see cref="EpisodeOptions.MaxTurns"/> turns) with <paramref name="sampling"/> (greedy for the paper's numbers), then the report.</summary>
    public static async Task<EvaluationReport> EvaluateAsync(
        IPolicy policy, PolicySampling sampling, IReadOnlyList<EpisodeTask> tasks, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var traces = await RunAsync(policy, sampling, tasks, options, cancellationToken).ConfigureAwait(false);
        return EvaluationReport.FromTraces(traces);
    }

    /// <summary>The evaluation's episodes: every task in one lockstep batch (<see cref="EpisodeRunner"/>), in the order of <paramref name="tasks"/>.</summary>
    public static Task<IReadOnlyList<EpisodeTrace>> RunAsync(
        IPolicy policy, PolicySampling sampling, IReadOnlyList<EpisodeTask> tasks, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(tasks);
        var rollout = new RolloutOptions { Episode = options ?? EpisodeOptions.Default, Sampling = sampling, ParallelEpisodes = Math.Max(1, tasks.Count) };
        return new EpisodeRunner(policy, rollout).RunAsync(tasks, cancellationToken);
    }
}
