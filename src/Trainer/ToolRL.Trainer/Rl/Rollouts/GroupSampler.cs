using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Tasks;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rl.Rollouts;

/// <summary>
/// Turns step records into RL samples, as the paper trains: every record is a prompt; the trainable policy
/// samples <c>n</c> next turns for it; each is scored by replaying the record's state
/// (<see cref="StepRewardReplay"/>); the <c>n</c> samples share a group id for GRPO.
/// </summary>
public sealed class GroupSampler
{
    private readonly IToolEnvironment _environment;
    private readonly IPolicy _policy;
    private readonly EpisodeOptions _episodeOptions;
    private readonly Dictionary<string, EnvironmentTask> _tasks;

    /// <summary>Creates a sampler; <paramref name="policy"/> must return <see cref="PolicyTurn.Tokens"/>.</summary>
    public GroupSampler(IToolEnvironment environment, IPolicy policy, EpisodeOptions episodeOptions)
    {
        _environment = environment;
        _policy = policy;
        _episodeOptions = episodeOptions;
        _tasks = environment.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Samples and scores <paramref name="samplesPerPrompt"/> turns for each record.</summary>
    public async Task<IReadOnlyList<RlSample>> SampleAsync(
        IReadOnlyList<StepRecord> records, int samplesPerPrompt, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        if (samplesPerPrompt < 1)
            throw new ArgumentOutOfRangeException(nameof(samplesPerPrompt), samplesPerPrompt, "At least one sample per prompt.");
        var requests = records.SelectMany(r => Enumerable.Repeat(new PolicyRequest(r.Prompt, r.Tools), samplesPerPrompt)).ToArray();
        var turns = await _policy.NextTurnsAsync(requests, sampling, cancellationToken).ConfigureAwait(false);

        var samples = new RlSample[turns.Count];
        for (var i = 0; i < turns.Count; i++)
        {
            var record = records[i / samplesPerPrompt];
            var turn = turns[i];
            var tokens = turn.Tokens ?? throw new InvalidOperationException(
                $"Policy '{_policy.Name}' returned no token ids; only a trainable policy can produce RL samples.");
            if (!_tasks.TryGetValue(record.TaskId, out var task))
                throw new InvalidOperationException($"Record of task '{record.TaskId}' is not a task of environment '{_environment.Name}'.");
            var outcome = await StepRewardReplay.ScoreAsync(_environment, task, record.PriorTurns, turn.Parsed, _episodeOptions, cancellationToken)
                .ConfigureAwait(false);
            samples[i] = new RlSample($"{record.TaskId}#{record.Turn}#{i / samplesPerPrompt}", tokens.PromptIds, tokens.ResponseIds,
                outcome.Reward, tokens.LogProbs);
        }
        return samples;
    }
}
