using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Evaluation;

/// <summary>
/// Runs one episode per task in lockstep: each round asks the policy for the next turn of every unfinished
/// episode at once (so a local model generates all active rows in batches), steps the <see cref="Episode"/> (its
/// own fresh session) and appends the assistant message and tool results to that episode's conversation.
/// Malformed output is just a turn the reward rules score; it never stops the run.
/// </summary>
public static class EpisodeBatchRunner
{
    /// <summary>Runs the episodes; the traces come back in the order of <paramref name="tasks"/>.</summary>
    public static async Task<IReadOnlyList<EpisodeTrace>> RunAsync(
        IPolicy policy, PolicySampling sampling, IReadOnlyList<EvaluationTask> tasks, EpisodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(tasks);
        options ??= EpisodeOptions.Default;
        var states = tasks.Select(t => new State(t, options)).ToArray();
        try
        {
            while (true)
            {
                var active = states.Where(s => !s.Episode.IsEnded).ToArray();
                if (active.Length == 0) break;
                var requests = active.Select(s => new PolicyRequest(s.Messages.ToArray(), s.Task.Environment.Tools)).ToArray();
                var turns = await policy.NextTurnsAsync(requests, sampling, cancellationToken).ConfigureAwait(false);
                if (turns.Count != active.Length)
                    throw new InvalidOperationException($"Policy '{policy.Name}' answered {turns.Count} turns for {active.Length} requests.");
                for (int i = 0; i < active.Length; i++)
                    await active[i].TakeAsync(turns[i], cancellationToken).ConfigureAwait(false);
            }
            return states.Select(s => s.ToTrace()).ToArray();
        }
        finally
        {
            foreach (var s in states) s.Dispose();
        }
    }

    private sealed class State : IDisposable
    {
        private readonly ToolRL.Environments.IToolSession _session;
        private readonly List<TraceStep> _steps = [];

        public State(EvaluationTask task, EpisodeOptions options)
        {
            Task = task;
            _session = task.Environment.OpenSession();
            Episode = new Episode(task.Task, _session, options);
            Messages = [ChatMessage.User(task.Task.Question)];
        }

        public EvaluationTask Task { get; }
        public Episode Episode { get; }
        public List<ChatMessage> Messages { get; }

        public async Task TakeAsync(PolicyTurn turn, CancellationToken cancellationToken)
        {
            var parsed = turn.Parsed;
            var outcome = await Episode.StepAsync(parsed, cancellationToken).ConfigureAwait(false);
            _steps.Add(new TraceStep(turn, outcome));
            Messages.Add(parsed.HasToolCalls
                ? ChatMessage.Assistant(parsed.Content.Length == 0 ? null : parsed.Content, parsed.ToolCalls)
                : ChatMessage.Assistant(turn.Text));
            foreach (var call in outcome.Calls)
                Messages.Add(ChatMessage.Tool(call.Call.Name, call.Result.Text));
        }

        public EpisodeTrace ToTrace() =>
            new(Task, Messages.ToArray(), _steps.ToArray(), Episode.Metrics, Episode.EndReason ?? EpisodeEndReason.MaxTurns)
            {
                StrictMetrics = Episode.StrictMetrics,
            };

        public void Dispose() => _session.Dispose();
    }
}
