using ToolRL.Conversations;
using ToolRL.Parsing;
using ToolRL.Tools;

namespace ToolRL.Trainer.Policies;

/// <summary>One conversation waiting for its next assistant turn.</summary>
/// <param name="Messages">The conversation so far (system, user, assistant, tool messages).</param>
/// <param name="Tools">The tools offered.</param>
public sealed record PolicyRequest(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<ToolDefinition> Tools);

/// <summary>How to sample. Defaults: FTRL's rollout temperature 0.7, full nucleus, 1024 new tokens.</summary>
public sealed record PolicySampling
{
    /// <summary>Temperature; 0 is greedy.</summary>
    public double Temperature { get; init; } = 0.7;
    /// <summary>Nucleus mass.</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>Top-k (0 = off).</summary>
    public int TopK { get; init; }
    /// <summary>Most new tokens per turn.</summary>
    public int MaxNewTokens { get; init; } = 1024;
    /// <summary>Seed for reproducible sampling (API servers may ignore it).</summary>
    public int? Seed { get; init; }

    /// <summary>Greedy decoding, for evaluation.</summary>
    public static PolicySampling Greedy { get; } = new() { Temperature = 0 };
}

/// <summary>The tokens of a turn a trainable policy produced: what RL trains on.</summary>
/// <param name="PromptIds">The rendered, tokenized conversation plus generation prompt.</param>
/// <param name="ResponseIds">The sampled tokens (with the end token when one was produced).</param>
/// <param name="LogProbs">The sampler's log-prob of each response token.</param>
public sealed record TurnTokens(int[] PromptIds, int[] ResponseIds, float[] LogProbs);

/// <summary>One next assistant turn.</summary>
/// <param name="Text">The assistant text as the model wrote it (Hermes text for local models, the content for API models).</param>
/// <param name="Parsed">Content, reasoning and tool calls.</param>
/// <param name="Tokens">Token ids and log-probs, for trainable policies; null for API models.</param>
public sealed record PolicyTurn(string Text, ParsedTurn Parsed, TurnTokens? Tokens = null)
{
    /// <summary>The turn as an assistant message to append to the conversation.</summary>
    public ChatMessage ToMessage() =>
        ChatMessage.Assistant(Parsed.Content, Parsed.HasToolCalls ? Parsed.ToolCalls : null, Parsed.Reasoning);
}

/// <summary>Anything that writes the next assistant turn of tool-use conversations: a local model or an API.</summary>
public interface IPolicy
{
    /// <summary>A short name for reports (model id or folder).</summary>
    string Name { get; }

    /// <summary>The next turn of each request, in order.</summary>
    Task<IReadOnlyList<PolicyTurn>> NextTurnsAsync(
        IReadOnlyList<PolicyRequest> requests, PolicySampling sampling, CancellationToken cancellationToken = default);
}
