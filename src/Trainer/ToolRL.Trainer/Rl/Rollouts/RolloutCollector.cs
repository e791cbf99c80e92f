using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Tasks;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rl.Rollouts;

/// <summary>
/// Runs multi-turn episodes of an environment's tasks with a policy: each episode has its own tool session
/// (no state leaks between episodes); at every turn the active episodes' conversations go to the policy as one
/// batch; the turn is executed and scored by the Runtime's <see cref="Episode"/>, and the tool feedback is appended
/// as <c>tool</c> messages. Episodes end on an answer (a turn without calls) or after the turn limit.
/// </summary>
public sealed class RolloutCollector
{
    private readonly IToolEnvironment _environment;
    private readonly IPolicy _policy;

    /// <summary>Creates a collector.</summary>
    public RolloutCollector(IToolEnvironment environment, IPolicy policy, RolloutOptions? options = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Options = options ?? new RolloutOptions();
        if (Options.ParallelEpisodes < 1)
            throw new ArgumentException($"ParallelEpisodes must be ≥ 1, not {Options.ParallelEpisodes}.", nameof(options));
    }

    /// <summary>The options in use.</summary>
    public RolloutOptions Options { get; }

    /// <summary>Runs one episode per task (in order of <paramref name="tasks"/>), <see cref="RolloutOptions.ParallelEpisodes"/> at a time.</summary>
    public async Task<IReadOnlyList<EpisodeTrajectory>> RunAsync(IReadOnlyList<EnvironmentTask> tasks, CancellationToken cancellationToken = default)
    {
        var results = new List<EpisodeTrajectory>(tasks.Count);
        for (var start = 0; start < tasks.Count; start += Options.ParallelEpisodes)
        {
            var chunk = tasks.Skip(start).Take(Options.ParallelEpisodes).ToArray();
            results.AddRange(await RunChunkAsync(chunk, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    private async Task<EpisodeTrajectory[]> RunChunkAsync(EnvironmentTask[] tasks, CancellationToken cancellationToken)
    {
        var episodeOptions = new EpisodeOptions { MaxTurns = Options.MaxTurns, RewardVariant = Options.RewardVariant, SolveRule = Options.SolveRule };
        var running = tasks.Select(task => new Running(task, _environment.OpenSession(), episodeOptions, Options.SystemPrompt)).ToArray();
        try
        {
            while (running.Any(r => !r.Episode.IsEnded))
            {
                var active = running.Where(r => !r.Episode.IsEnded).ToArray();
                var requests = active.Select(r => new PolicyRequest(r.Messages.ToArray(), _environment.Tools)).ToArray();
                var turns = await _policy.NextTurnsAsync(requests, Options.Sampling, cancellationToken).ConfigureAwait(false);
                if (turns.Count != active.Length)
                    throw new InvalidOperationException($"Policy '{_policy.Name}' returned {turns.Count} turns for {active.Length} requests.");
                for (var i = 0; i < active.Length; i++)
                    await active[i].TakeAsync(turns[i], _environment.Tools, cancellationToken).ConfigureAwait(false);
            }
            return running.Select(r => r.ToTrajectory()).ToArray();
        }
        finally
        {
            foreach (var r in running)
                r.Session.Dispose();
        }
    }

    /// <summary>One episode in progress.</summary>
    private sealed class Running
    {
        private readonly List<StepRecord> _steps = [];
        private readonly List<ParsedTurn> _turns = [];

        public Running(EnvironmentTask task, IToolSession session, EpisodeOptions options, string? systemPrompt)
        {
            Task = task;
            Session = session;
            Episode = new Episode(task, session, options);
            if (systemPrompt is not null)
                Messages.Add(ChatMessage.System(systemPrompt));
            Messages.Add(ChatMessage.User(task.Question));
        }

        public EnvironmentTask Task { get; }
        public IToolSession Session { get; }
        public Episode Episode { get; }
        public List<ChatMessage> Messages { get; } = [];

        public async Task TakeAsync(PolicyTurn turn, IReadOnlyList<Tools.ToolDefinition> tools, CancellationToken cancellationToken)
        {
            var prompt = Messages.ToArray();
            var unsolved = Episode.Unsolved.Snapshot();
            var solveRate = Episode.Unsolved.SolveRate;
            var outcome = await Episode.StepAsync(turn.Parsed, cancellationToken).ConfigureAwait(false);
            _steps.Add(new StepRecord(Task.Id, outcome.Turn, prompt, tools, _turns.ToArray(), unsolved, solveRate,
                Task.FinalAnswer, turn, outcome.Reward, outcome.Solved));
            _turns.Add(turn.Parsed);
            Messages.Add(turn.ToMessage());
            foreach (var call in outcome.Calls)
                Messages.Add(ChatMessage.Tool(call.Call.Name, call.Result.Text, call.Call.Id));
        }

        public EpisodeTrajectory ToTrajectory() =>
            new(Task, _steps.ToArray(), Messages.ToArray(), Episode.Metrics, Episode.EndReason);
    }
}
