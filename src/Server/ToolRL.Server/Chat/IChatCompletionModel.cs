using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Server.Chat;

/// <summary>
/// A model the server answers OpenAI chat completions with (<c>serve --model</c>). The server owns the HTTP shape,
/// batching and tool-call parsing; the model only turns a batch of conversations into assistant text. It lives here,
/// not in the Trainer, so the server stays free of TorchSharp: the Trainer implements it over its local policy.
/// </summary>
public interface IChatCompletionModel
{
    /// <summary>The model id clients name in <c>"model"</c> and <c>GET /v1/models</c> lists.</summary>
    string Id { get; }

    /// <summary>Requests the server hands over in one <see cref="CompleteAsync"/> call at most.</summary>
    int MaxBatchSize { get; }

    /// <summary>
    /// The next assistant turn of each conversation, in order, all sampled with <paramref name="sampling"/>: the raw
    /// text the model wrote (Hermes <c>&lt;tool_call&gt;</c> blocks included, end token excluded). Calls never overlap.
    /// </summary>
    Task<IReadOnlyList<ChatCompletionResult>> CompleteAsync(
        IReadOnlyList<ChatCompletionRequest> requests, ChatCompletionSampling sampling, CancellationToken cancellationToken);
}

/// <summary>One conversation waiting for its next assistant turn.</summary>
/// <param name="Messages">The conversation so far.</param>
/// <param name="Tools">The tools offered (empty for none).</param>
public sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<ToolDefinition> Tools);

/// <summary>How a batch is sampled. Requests that differ in any of these run in separate model calls.</summary>
/// <param name="Temperature">0 is greedy.</param>
/// <param name="TopP">Nucleus mass, in (0, 1].</param>
/// <param name="MaxTokens">Most new tokens per turn.</param>
/// <param name="Seed">Seed for reproducible sampling, or null.</param>
public sealed record ChatCompletionSampling(double Temperature, double TopP, int MaxTokens, long? Seed);

/// <summary>One generated turn.</summary>
/// <param name="Text">The assistant text, without the end token.</param>
/// <param name="PromptTokens">Tokens of the rendered prompt.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
/// <param name="ReachedMaxTokens">True when generation stopped at the token limit, not at an end token (<c>finish_reason</c> "length").</param>
/// <param name="Error">Why the model did not run this request (e.g. a prompt over its length limit), answered as a 400; null when it ran.</param>
public sealed record ChatCompletionResult(string Text, int PromptTokens, int CompletionTokens, bool ReachedMaxTokens, string? Error = null);
