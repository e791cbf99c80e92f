using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rollouts;

/// <summary>One episode of <see cref="EpisodeRunner"/> in progress: its session, its Runtime episode, its conversation and records.</summary>
internal sealed class RunningEpisode : IDisposable
{
    private readonly EpisodeTask _task;
    private readonly IToolSession _session;
    private readonly List<ChatMessage> _messages = [];
    private readonly List<StepRecord> _steps = [];
    private readonly List<ParsedTurn> _turns = [];

    public RunningEpisode(EpisodeTask task, EpisodeOptions options, string? systemPrompt)
    {
        _task = task;
        _session = task.Environment.OpenSession();
        Episode = new Episode(task.Task, _session, options);
        if (systemPrompt is not null)
            _messages.Add(ChatMessage.System(systemPrompt));
        _messages.Add(ChatMessage.User(task.Task.Question));
    }

    public Episode Episode { get; }

    /// <summary>The conversation so far, for the policy's next turn.</summary>
    public PolicyRequest Request => new(_messages.ToArray(), _task.Environment.Tools);

    public async Task TakeAsync(PolicyTurn turn, CancellationToken cancellationToken)
    {
        var prompt = _messages.ToArray();
        var state = StepRecord.StateOf(Episode);
        var outcome = await Episode.StepAsync(turn.Parsed, cancellationToken).ConfigureAwait(false);
        _steps.Add(new StepRecord(_task, prompt, _turns.ToArray(), state, turn, outcome));
        _turns.Add(turn.Parsed);
        Append(turn, outcome);
    }

    /// <summary>
    /// The turn as the chat templates and the OpenAI wire format expect it: the parsed assistant message (content,
    /// structured calls with the ids the policy gave them, reasoning), then one tool message per executed call,
    /// carrying that call's id.
    /// </summary>
    private void Append(PolicyTurn turn, StepOutcome outcome)
    {
        _messages.Add(turn.ToMessage());
        foreach (var call in outcome.Calls)
            _messages.Add(ChatMessage.Tool(call.Call.Name, call.Result.Text, call.Call.Id));
    }

    public EpisodeTrace ToTrace() =>
        new(_task, _messages.ToArray(), _steps.ToArray(), Episode.Metrics, Episode.StrictMetrics, Episode.EndReason ?? EpisodeEndReason.MaxTurns);

    public void Dispose() => _session.Dispose();
}
