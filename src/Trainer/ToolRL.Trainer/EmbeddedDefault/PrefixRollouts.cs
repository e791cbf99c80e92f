using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Rl.Rollouts;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// A step record for RL (PAPER.md §2): a task, a recorded conversation (the policy's own episode, or a golden one),
/// and which assistant turn is to be written next.
/// </summary>
/// <param name="Task">The task and environment.</param>
/// <param name="Conversation">The recorded conversation.</param>
/// <param name="AssistantIndex">The index in <paramref name="Conversation"/> of the assistant message the policy replaces.</param>
public sealed record RecordedPrefix(EvaluationTask Task, IReadOnlyList<ChatMessage> Conversation, int AssistantIndex)
{
    /// <summary>The prompt's messages: the conversation before that turn.</summary>
    public IReadOnlyList<ChatMessage> History => Conversation.Take(AssistantIndex).ToArray();

    /// <summary>A stable id (task and turn), used as the GRPO group.</summary>
    public string Id => $"{Task.Task.Id}@{AssistantIndex}";
}

/// <summary>
/// RL samples as FTRL's records are used: a recorded prefix is the prompt and the policy writes the next assistant
/// turn, several times (a GRPO group); each response is scored with the paper's step reward by
/// <see cref="StepRewardReplay"/>: the prefix's turns replayed in a fresh session (so the unsolved set and tool state
/// are those of the prefix), then the sampled turn. The embedded job records prefixes from the policy's own episodes on training
/// tasks, as the paper collects trajectories; golden conversations work the same way.
/// </summary>
public static class PrefixRollouts
{
    /// <summary>Every assistant position of a conversation: the question alone, then after each turn with tool calls.</summary>
    public static IEnumerable<RecordedPrefix> Prefixes(EvaluationTask task, IReadOnlyList<ChatMessage> conversation) =>
        Enumerable.Range(0, conversation.Count).Where(i => conversation[i].Role == ChatRoles.Assistant).Select(i => new RecordedPrefix(task, conversation, i));

    /// <summary>The step reward of <paramref name="response"/> written after <paramref name="prefix"/>.</summary>
    public static async Task<double> RewardAsync(RecordedPrefix prefix, string response, EpisodeOptions options, CancellationToken cancellationToken = default)
    {
        var priorTurns = prefix.History.Where(m => m.Role == ChatRoles.Assistant).Select(m => ToolCallParser.FromOpenAi(m.Content, m.ToolCalls)).ToArray();
        var outcome = await StepRewardReplay.ScoreAsync(prefix.Task.Environment, prefix.Task.Task, priorTurns, ToolCallParser.ParseHermes(response),
            options with { MaxTurns = int.MaxValue }, cancellationToken).ConfigureAwait(false);
        return outcome.Reward;
    }

    /// <summary>Samples <paramref name="groupSize"/> responses per prefix with <paramref name="policy"/> and scores them.</summary>
    public static async Task<IReadOnlyList<RlSample>> CollectAsync(
        TorchPolicy policy, PolicySampling sampling, IReadOnlyList<RecordedPrefix> prefixes, int groupSize, EpisodeOptions options,
        CancellationToken cancellationToken = default)
    {
        var prompts = new List<int[]>();
        var owners = new List<RecordedPrefix>();
        // Prompts in token order: neighbours share their system prompt, which the scorer then runs once per micro-batch.
        var encoded = prefixes.Select(p => (Prefix: p, Ids: policy.EncodePrompt(new PolicyRequest(p.History, p.Task.Environment.Tools))))
            .OrderBy(x => x.Ids, TokenOrder.Instance).ToArray();
        foreach (var (prefix, ids) in encoded)
        {
            for (int k = 0; k < groupSize; k++) { prompts.Add(ids); owners.Add(prefix); }
        }
        var turns = policy.Generate(prompts, sampling, cancellationToken);
        var samples = new List<RlSample>(turns.Count);
        for (int i = 0; i < turns.Count; i++)
        {
            if (turns[i].Tokens is not { ResponseIds.Length: > 0 } tokens) continue;
            double reward = await RewardAsync(owners[i], turns[i].Text, options, cancellationToken).ConfigureAwait(false);
            samples.Add(new RlSample(owners[i].Id, tokens.PromptIds, tokens.ResponseIds, reward, tokens.LogProbs));
        }
        return samples;
    }
}

/// <summary>Lexicographic order of token sequences.</summary>
internal sealed class TokenOrder : IComparer<int[]>
{
    public static TokenOrder Instance { get; } = new();

    public int Compare(int[]? x, int[]? y) => x.AsSpan().SequenceCompareTo(y);
}
