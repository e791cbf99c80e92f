using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Tasks;

namespace ToolRL.Trainer.Rl.Rollouts;

/// <summary>
/// Scores a candidate next turn at a recorded state: a fresh session replays the record's earlier turns (so
/// stateful tools and the unsolved set are where they were), then the candidate is executed and scored with the
/// paper's step reward. This is what FTRL's reward function does with a record's tool implementations and
/// unsolved set, and keeps every sample of a GRPO group independent.
/// </summary>
public static class StepRewardReplay
{
    /// <summary>The step outcome of <paramref name="candidate"/> after <paramref name="priorTurns"/>.</summary>
    public static async Task<Episodes.StepOutcome> ScoreAsync(
        IToolEnvironment environment, EnvironmentTask task, IReadOnlyList<ParsedTurn> priorTurns, ParsedTurn candidate,
        EpisodeOptions options, CancellationToken cancellationToken = default)
    {
        if (priorTurns.Count >= options.MaxTurns)
            throw new ArgumentException(
                $"The record has {priorTurns.Count} earlier turns; no turn is left under MaxTurns = {options.MaxTurns}.", nameof(priorTurns));
        using var session = environment.OpenSession();
        var episode = new Episode(task, session, options);
        foreach (var turn in priorTurns)
        {
            var replayed = await episode.StepAsync(turn, cancellationToken).ConfigureAwait(false);
            if (replayed.Ended)
                throw new ArgumentException(
                    $"Replaying task '{task.Id}' ended the episode at turn {replayed.Turn}; a record's earlier turns must all be tool-call turns.",
                    nameof(priorTurns));
        }
        return await episode.StepAsync(candidate, cancellationToken).ConfigureAwait(false);
    }
}
