using System.Runtime.CompilerServices;
using ToolRL.Environments;
using ToolRL.Parsing;
using ToolRL.Rewards;
using ToolRL.Tasks;

namespace ToolRL.Episodes;

/// <summary>
/// One task's episode over a tool session: executes each turn's calls, solves sub-questions by the reference
/// rule, scores the turn and tracks <see cref="EpisodeMetrics"/>. It knows nothing of chat templates: turns
/// arrive parsed (or as Hermes text), feedback leaves as <see cref="StepOutcome"/>.
/// </summary>
/// <remarks>
/// Solving: for each call in order, its output (any outcome under <see cref="SolveRule.Reference"/>, only a
/// returned value under <see cref="SolveRule.Strict"/>) is checked against the unsolved answers listed under the call's tool name; the first that
/// <see cref="AnswerVerifier.Verify"/> accepts is removed — at most one per call. A turn with calls is scored
/// with <see cref="StepReward.ForToolCalls"/>; a turn without parsed calls with <see cref="StepReward.ForAnswer"/>
/// (using the unsolved count before it) and ends the episode. The episode also ends after
/// <see cref="EpisodeOptions.MaxTurns"/> turns. Both rules' unsolved sets are kept, so evaluation can report
/// the reference metric and the strict one side by side. Not thread-safe: one turn at a time.
/// </remarks>
public sealed class Episode
{
    private readonly IToolSession _session;
    private readonly EpisodeOptions _options;
    private readonly UnsolvedSet _reference;
    private readonly UnsolvedSet _strict;

    /// <summary>Starts an episode of <paramref name="task"/> over <paramref name="session"/> (not owned).</summary>
    public Episode(EnvironmentTask task, IToolSession session, EpisodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(session);
        Task = task;
        _session = session;
        _options = options ?? EpisodeOptions.Default;
        if (_options.MaxTurns <= 0)
            throw new ArgumentException($"MaxTurns must be positive, not {_options.MaxTurns}.", nameof(options));
        _reference = task.NewUnsolvedSet();
        _strict = task.NewUnsolvedSet();
    }

    /// <summary>The task.</summary>
    public EnvironmentTask Task { get; }

    /// <summary>The gold sub-answers not yet obtained, under the options' <see cref="EpisodeOptions.SolveRule"/>.</summary>
    public UnsolvedSet Unsolved => _options.SolveRule == SolveRule.Strict ? _strict : _reference;

    /// <summary>Parsed tool calls executed so far (<c>c</c>).</summary>
    public int CallsMade { get; private set; }

    /// <summary>Assistant turns taken so far.</summary>
    public int Turns { get; private set; }

    /// <summary>True once a no-call turn or the turn limit ended the episode.</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Why the episode ended, or null while it goes on.</summary>
    public EpisodeEndReason? EndReason { get; private set; }

    /// <summary>The evaluation metrics so far (solved, calls made, sub-questions), under the options' rule.</summary>
    public EpisodeMetrics Metrics => new(Unsolved.Solved, CallsMade, Unsolved.Total);

    /// <summary>The metrics under <see cref="SolveRule.Reference"/>, comparable with the paper's.</summary>
    public EpisodeMetrics ReferenceMetrics => new(_reference.Solved, CallsMade, _reference.Total);

    /// <summary>The metrics under <see cref="SolveRule.Strict"/>: only returned values solved.</summary>
    public EpisodeMetrics StrictMetrics => new(_strict.Solved, CallsMade, _strict.Total);

    /// <summary>Parses Qwen/Hermes assistant text (with the options' parser settings) and takes the turn.</summary>
    public ValueTask<StepOutcome> StepAsync(string assistantText, CancellationToken cancellationToken = default) =>
        StepAsync(ToolCallParser.ParseHermes(assistantText, _options.Parser), cancellationToken);

    /// <summary>Takes one assistant turn.</summary>
    /// <exception cref="InvalidOperationException">The episode has already ended.</exception>
    public ValueTask<StepOutcome> StepAsync(ParsedTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (IsEnded)
            throw new InvalidOperationException($"The episode of task '{Task.Id}' has ended ({EndReason}); start a new one.");
        Turns++;
        if (!turn.HasToolCalls)
        {
            var reward = StepReward.ForAnswer(turn, Task.FinalAnswer, Unsolved.Remaining, Unsolved.SolveRate);
            return new ValueTask<StepOutcome>(End(reward, [], 0, EpisodeEndReason.Answered));
        }
        return RunCallsAsync(turn, cancellationToken);
    }

    // Pooled builder: a turn whose call completes on another thread reuses its state-machine box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<StepOutcome> RunCallsAsync(ParsedTurn turn, CancellationToken cancellationToken)
    {
        var (executed, solved) = await TurnExecution.RunAsync(_session, turn.ToolCalls, new EpisodeSolver(_reference, _strict, _options.SolveRule), cancellationToken)
            .ConfigureAwait(false);
        CallsMade += executed.Length;
        var reward = StepReward.ForToolCalls(_options.RewardVariant, solved, executed.Length);
        return Turns >= _options.MaxTurns
            ? End(reward, executed, solved, EpisodeEndReason.MaxTurns)
            : new StepOutcome(Turns, reward, executed, solved, Ended: false, EndReason: null);
    }

    private StepOutcome End(double reward, ExecutedCall[] executed, int solved, EpisodeEndReason reason)
    {
        IsEnded = true;
        EndReason = reason;
        return new StepOutcome(Turns, reward, executed, solved, Ended: true, EndReason: reason);
    }
}
