using ToolRL.Episodes;
using ToolRL.Parsing;

namespace ToolRL.Trainer.Rollouts;

/// <summary>
/// Scores a candidate turn at a step record's state, as FTRL's reward function does with a record: a fresh session
/// re-executes the record's earlier calls in order (so stateful tools are where they were), then the Runtime's
/// <see cref="StepScorer"/> runs the candidate against the record's unsolved set and solve rate. Every sample of a
/// group gets its own session, so samples never see each other's calls.
/// </summary>
internal static class StepReplay
{
    /// <summary>The score of <paramref name="candidate"/> written at <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">An earlier turn has no calls: it would have ended the episode before this record.</exception>
    public static async Task<StepScore> ScoreAsync(StepRecord record, ParsedTurn candidate, EpisodeOptions options, CancellationToken cancellationToken = default)
    {
        using var session = record.Task.Environment.OpenSession();
        for (var t = 0; t < record.PriorTurns.Count; t++)
        {
            var turn = record.PriorTurns[t];
            if (!turn.HasToolCalls)
                throw new ArgumentException(
                    $"Record of task '{record.Task.Task.Id}' turn {record.Turn}: earlier turn {t + 1} has no tool calls, so the episode would have ended there.",
                    nameof(record));
            foreach (var call in turn.ToolCalls)
                await session.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
        }
        return await StepScorer.ScoreAsync(session, record.State, candidate, options, cancellationToken).ConfigureAwait(false);
    }
}
