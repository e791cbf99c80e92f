using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rollouts;

/// <summary>
/// RL prompts from conversations recorded before — golden trajectories (<see cref="Golden"/>) or an earlier run's
/// episodes: each conversation's assistant turns are replayed through a Runtime <see cref="Episode"/> in a fresh
/// session, which gives every turn its state (unsolved set, solve rate) and reward; the prompts are the recorded
/// messages before each turn. Assistant messages must carry their calls as structured tool calls (as
/// <see cref="EpisodeRunner"/> and <see cref="GoldenTrajectory"/> write them). A conversation is taken whole,
/// whatever the options' turn limit.
/// </summary>
public sealed class RecordedConversations : IRlPromptSource
{
    private readonly Func<EpisodeTask, CancellationToken, Task<IReadOnlyList<ChatMessage>>> _conversationOf;
    private readonly EpisodeOptions _options;

    /// <summary>Creates the source.</summary>
    /// <param name="conversationOf">The recorded conversation of a task.</param>
    /// <param name="options">Reward variant and solve rule of the replay (those the RL reward uses).</param>
    public RecordedConversations(Func<EpisodeTask, CancellationToken, Task<IReadOnlyList<ChatMessage>>> conversationOf, EpisodeOptions options)
    {
        _conversationOf = conversationOf ?? throw new ArgumentNullException(nameof(conversationOf));
        ArgumentNullException.ThrowIfNull(options);
        _options = options with { MaxTurns = int.MaxValue };
    }

    /// <summary>The tasks' golden trajectories (<see cref="GoldenTrajectory.BuildAsync"/>).</summary>
    public static RecordedConversations Golden(EpisodeOptions options) =>
        new((task, cancellationToken) => GoldenTrajectory.BuildAsync(task.Environment, task.Task, cancellationToken), options);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EpisodeTrace>> EpisodesAsync(IReadOnlyList<EpisodeTask> tasks, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var traces = new List<EpisodeTrace>(tasks.Count);
        foreach (var task in tasks)
        {
            var conversation = await _conversationOf(task, cancellationToken).ConfigureAwait(false);
            traces.Add(await ReplayAsync(task, conversation, cancellationToken).ConfigureAwait(false));
        }
        return traces;
    }

    /// <summary>Replays <paramref name="conversation"/> of <paramref name="task"/>: one record per assistant message.</summary>
    /// <exception cref="InvalidDataException">An assistant message follows one without tool calls, which ended the episode.</exception>
    public async Task<EpisodeTrace> ReplayAsync(EpisodeTask task, IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(conversation);
        using var session = task.Environment.OpenSession();
        var episode = new Episode(task.Task, session, _options);
        var steps = new List<StepRecord>();
        var turns = new List<ParsedTurn>();
        for (var i = 0; i < conversation.Count; i++)
        {
            var message = conversation[i];
            if (message.Role != ChatRoles.Assistant)
                continue;
            if (episode.IsEnded)
                throw new InvalidDataException(
                    $"The recorded conversation of task '{task.Task.Id}' has an assistant message at {i} after a turn without tool calls, which ended the episode.");
            var parsed = ToolCallParser.FromOpenAi(message.Content, message.ToolCalls, message.Reasoning);
            var state = StepRecord.StateOf(episode);
            var outcome = await episode.StepAsync(parsed, cancellationToken).ConfigureAwait(false);
            steps.Add(new StepRecord(task, conversation.Take(i).ToArray(), turns.ToArray(), state, new PolicyTurn(message.Content ?? "", parsed), outcome));
            turns.Add(parsed);
        }
        return new EpisodeTrace(task, conversation.ToArray(), steps, episode.Metrics, episode.StrictMetrics, episode.EndReason ?? EpisodeEndReason.MaxTurns);
    }
}
