using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rollouts;

/// <summary>
/// The one way episodes are run — for evaluation, <c>collect</c> and RL alike. Episodes run in lockstep: each round
/// asks the policy for the next turn of every unfinished episode in one batch (so a local model generates the active
/// rows together), then each turn is executed and scored by the Runtime's <see cref="Episodes.Episode"/> over the
/// episode's own fresh session (no tool state leaks between episodes) and appended to that episode's conversation.
/// Malformed output is just a turn the reward rules score; it never stops the run. Episodes end on an answer (a turn
/// without parsed calls) or at the turn limit.
/// </summary>
public sealed class EpisodeRunner
{
    private readonly IPolicy _policy;

    /// <summary>Creates a runner.</summary>
    public EpisodeRunner(IPolicy policy, RolloutOptions? options = null)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Options = options ?? new RolloutOptions();
        if (Options.ParallelEpisodes < 1)
            throw new ArgumentException($"ParallelEpisodes must be ≥ 1, not {Options.ParallelEpisodes}.", nameof(options));
        if (Options.Episode.MaxTurns < 1)
            throw new ArgumentException($"MaxTurns must be ≥ 1, not {Options.Episode.MaxTurns}.", nameof(options));
    }

    /// <summary>The options in use.</summary>
    public RolloutOptions Options { get; }

    /// <summary>Runs one episode per task, <see cref="RolloutOptions.ParallelEpisodes"/> at a time; the traces come back in the order of <paramref name="tasks"/>.</summary>
    public async Task<IReadOnlyList<EpisodeTrace>> RunAsync(IReadOnlyList<EpisodeTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var traces = new List<EpisodeTrace>(tasks.Count);
        foreach (var chunk in tasks.Chunk(Options.ParallelEpisodes))
            traces.AddRange(await RunLockstepAsync(chunk, cancellationToken).ConfigureAwait(false));
        return traces;
    }

    private async Task<EpisodeTrace[]> RunLockstepAsync(EpisodeTask[] tasks, CancellationToken cancellationToken)
    {
        var running = new List<RunningEpisode>(tasks.Length);
        try
        {
            foreach (var task in tasks)
                running.Add(new RunningEpisode(task, Options.Episode, Options.SystemPrompt));
            while (true)
            {
                var active = running.Where(r => !r.Episode.IsEnded).ToArray();
                if (active.Length == 0)
                    break;
                var requests = active.Select(r => r.Request).ToArray();
                var turns = await _policy.NextTurnsAsync(requests, Options.Sampling, cancellationToken).ConfigureAwait(false);
                if (turns.Count != active.Length)
                    throw new InvalidOperationException($"Policy '{_policy.Name}' answered {turns.Count} turns for {active.Length} requests.");
                for (var i = 0; i < active.Length; i++)
                    await active[i].TakeAsync(turns[i], cancellationToken).ConfigureAwait(false);
            }
            return running.Select(r => r.ToTrace()).ToArray();
        }
        finally
        {
            foreach (var r in running)
                r.Dispose();
        }
    }
}
