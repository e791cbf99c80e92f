using ToolRL.Episodes;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// Turns step records into RL samples, as the paper trains: every record is a prompt; the trainable policy samples
/// <c>n</c> next turns for it, each scored with the paper's step reward at the record's state (its earlier calls
/// replayed in a fresh session, then the Runtime's <see cref="StepScorer"/>); the <c>n</c> samples share a group id
/// for GRPO. Prompts are generated in token order, so neighbours share their prefill (system prompt and tools),
/// which the generator and the scorer run once per batch.
/// </summary>
public sealed class GroupSampler
{
    private readonly TorchPolicy _policy;
    private readonly EpisodeOptions _options;

    /// <summary>Creates a sampler.</summary>
    /// <param name="policy">The trainable policy that samples the turns.</param>
    /// <param name="options">How turns are scored: reward variant and solve rule (those the records' states were recorded under).</param>
    public GroupSampler(TorchPolicy policy, EpisodeOptions options)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The group id of the record at <paramref name="index"/> of a call's records: task, turn and position, unique within the call.</summary>
    public static string GroupId(StepRecord record, int index) => $"{record.Task.Task.Id}#{record.Turn}#{index}";

    /// <summary>
    /// Samples and scores <paramref name="samplesPerPrompt"/> turns for each record; the samples come in prompt-token
    /// order, a group's together. A sample whose prompt was too long for the policy (no response tokens) is left out.
    /// </summary>
    public async Task<IReadOnlyList<RlSample>> SampleAsync(
        IReadOnlyList<StepRecord> records, int samplesPerPrompt, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sampling);
        if (samplesPerPrompt < 1)
            throw new ArgumentOutOfRangeException(nameof(samplesPerPrompt), samplesPerPrompt, "At least one sample per prompt.");
        var prompts = records.Select((r, i) => (Record: r, Group: GroupId(r, i), Ids: _policy.EncodePrompt(r.Request)))
            .OrderBy(p => p.Ids, TokenOrder.Instance).ToArray();
        var rows = prompts.SelectMany(p => Enumerable.Repeat(p.Ids, samplesPerPrompt)).ToArray();
        var turns = _policy.Generate(rows, sampling, cancellationToken);
        var samples = new List<RlSample>(turns.Count);
        for (var i = 0; i < turns.Count; i++)
        {
            if (turns[i].Tokens is not { ResponseIds.Length: > 0 } tokens)
                continue;
            var prompt = prompts[i / samplesPerPrompt];
            var score = await StepReplay.ScoreAsync(prompt.Record, turns[i].Parsed, _options, cancellationToken).ConfigureAwait(false);
            samples.Add(new RlSample(prompt.Group, tokens.PromptIds, tokens.ResponseIds, score.Reward, tokens.LogProbs));
        }
        return samples;
    }
}
