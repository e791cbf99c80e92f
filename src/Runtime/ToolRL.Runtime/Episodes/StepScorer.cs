using System.Runtime.CompilerServices;
using ToolRL.Environments;
using ToolRL.Parsing;
using ToolRL.Rewards;
using ToolRL.Tools;

namespace ToolRL.Episodes;

/// <summary>The reward of one turn at a recorded state, with what each call did.</summary>
/// <param name="Reward">The paper's step reward.</param>
/// <param name="Turn">The turn as parsed.</param>
/// <param name="Calls">Each call with its feedback and whether it solved a sub-question (under the options' rule).</param>
/// <param name="Solved">Sub-questions the turn's calls solved (<c>tmp</c>).</param>
public sealed record StepScore(double Reward, ParsedTurn Turn, IReadOnlyList<ExecutedCall> Calls, int Solved);

/// <summary>
/// Scores a single turn at a <see cref="RecordedState"/>, as FTRL's reward function does with a step record: the
/// turn's calls run on the given (normally fresh) session, solve against the record's unsolved set, and the
/// turn gets the step reward; a turn without calls is scored against the record's solve rate and final answer.
/// </summary>
public static class StepScorer
{
    /// <summary>Scores <paramref name="turn"/> at <paramref name="state"/>. Never throws for bad model output.</summary>
    // Pooled: a bounded call awaits on a scheduler thread, and a fresh state-machine box per turn was its largest part.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<StepScore> ScoreAsync(
        IToolSession session, RecordedState state, ParsedTurn turn, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turn);
        options ??= EpisodeOptions.Default;
        if (!turn.HasToolCalls)
            return new StepScore(StepReward.ForAnswer(turn, state.FinalAnswer, state.UnsolvedCount, state.SolveRate), turn, [], 0);
        // Only the options' rule decides this turn's reward, so only its answers are checked.
        var solver = new RecordedSolver(state.Unsolved, options.SolveRule == SolveRule.Strict);
        var (calls, solved) = await TurnExecution.RunAsync(session, turn.ToolCalls, solver, cancellationToken).ConfigureAwait(false);
        return new StepScore(StepReward.ForToolCalls(options.RewardVariant, solved, calls.Length), turn, calls, solved);
    }

    /// <summary>Parses Hermes <paramref name="response"/> (the options' parser settings) and scores it.</summary>
    public static ValueTask<StepScore> ScoreAsync(
        IToolSession session, RecordedState state, string response, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= EpisodeOptions.Default;
        return ScoreAsync(session, state, ToolCallParser.ParseHermes(response, options.Parser), options, cancellationToken);
    }
}
