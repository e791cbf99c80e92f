using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Rl;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>A step record for RL: a task, its golden conversation, and which assistant turn is to be written next.</summary>
/// <param name="Task">The task and environment.</param>
/// <param name="Golden">The golden conversation.</param>
/// <param name="AssistantIndex">The index in <paramref name="Golden"/> of the assistant message the policy replaces.</param>
public sealed record GoldenPrefix(EvaluationTask Task, IReadOnlyList<ChatMessage> Golden, int AssistantIndex)
{
    /// <summary>The prompt's messages: the golden conversation before that turn.</summary>
    public IReadOnlyList<ChatMessage> History => Golden.Take(AssistantIndex).ToArray();

    /// <summary>A stable id (task and turn), used as the GRPO group.</summary>
    public string Id => $"{Task.Task.Id}@{AssistantIndex}";
}

/// <summary>
/// RL samples as FTRL's records are used: a recorded prefix is the prompt and the policy writes the next assistant
/// turn, several times (a GRPO group); each response is scored with the paper's step reward by replaying the prefix's
/// turns in a fresh session and <see cref="Episode"/> (so the unsolved set and tool state are those of the prefix)
/// and then taking the sampled turn. Prefixes here come from golden trajectories of the training tasks.
/// </summary>
public static class GoldenPrefixRollouts
{
    /// <summary>Every assistant position of a golden conversation.</summary>
    public static IEnumerable<GoldenPrefix> Prefixes(EvaluationTask task, IReadOnlyList<ChatMessage> golden) =>
        Enumerable.Range(0, golden.Count).Where(i => golden[i].Role == ChatRoles.Assistant).Select(i => new GoldenPrefix(task, golden, i));

    /// <summary>The step reward of <paramref name="response"/> written after <paramref name="prefix"/>.</summary>
    public static async Task<double> RewardAsync(GoldenPrefix prefix, string response, EpisodeOptions options, CancellationToken cancellationToken = default)
    {
        using var session = prefix.Task.Environment.OpenSession();
        var episode = new Episode(prefix.Task.Task, session, options with { MaxTurns = int.MaxValue });
        for (int i = 0; i < prefix.AssistantIndex; i++)
        {
            var m = prefix.Golden[i];
            if (m.Role == ChatRoles.Assistant)
                await episode.StepAsync(ToolCallParser.FromOpenAi(m.Content, m.ToolCalls), cancellationToken).ConfigureAwait(false);
        }
        var outcome = await episode.StepAsync(response, cancellationToken).ConfigureAwait(false);
        return outcome.Reward;
    }

    /// <summary>Samples <paramref name="groupSize"/> responses per prefix with <paramref name="policy"/> and scores them.</summary>
    public static async Task<IReadOnlyList<RlSample>> CollectAsync(
        ModelTurnPolicy policy, IReadOnlyList<GoldenPrefix> prefixes, int groupSize, EpisodeOptions options, CancellationToken cancellationToken = default)
    {
        var prompts = new List<int[]>();
        var owners = new List<GoldenPrefix>();
        // Prompts in token order: neighbours share their system prompt, which the scorer then runs once per micro-batch.
        var encoded = prefixes.Select(p => (Prefix: p, Ids: policy.EncodePrompt(new TurnRequest(p.History, p.Task.Environment.Tools))))
            .OrderBy(x => x.Ids, TokenOrder.Instance).ToArray();
        foreach (var (prefix, ids) in encoded)
        {
            for (int k = 0; k < groupSize; k++) { prompts.Add(ids); owners.Add(prefix); }
        }
        var turns = policy.Generate(prompts, cancellationToken);
        var samples = new List<RlSample>(turns.Count);
        for (int i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            if (turn.ResponseIds is not { Length: > 0 } || turn.PromptIds is null) continue;
            double reward = await RewardAsync(owners[i], turn.Text, options, cancellationToken).ConfigureAwait(false);
            samples.Add(new RlSample(owners[i].Id, turn.PromptIds, turn.ResponseIds, reward, turn.LogProbs));
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
