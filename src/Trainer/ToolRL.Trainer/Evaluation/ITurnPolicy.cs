using ToolRL.Conversations;
using ToolRL.Tools;

namespace ToolRL.Trainer.Evaluation;

/// <summary>One conversation that needs the assistant's next turn.</summary>
/// <param name="Messages">The conversation so far (user question, earlier turns, tool results).</param>
/// <param name="Tools">The tools offered.</param>
public sealed record TurnRequest(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<ToolDefinition> Tools);

/// <summary>A policy's next assistant turn, with its tokens when the policy is a local model (for RL).</summary>
/// <param name="Text">The raw assistant text (Hermes tool-call blocks, content), without the end token.</param>
/// <param name="PromptIds">The prompt tokens the model saw, or null.</param>
/// <param name="ResponseIds">The tokens it generated (end token included when produced), or null.</param>
/// <param name="LogProbs">The sampler's log-prob of each generated token, or null.</param>
public sealed record PolicyTurn(string Text, int[]? PromptIds = null, int[]? ResponseIds = null, float[]? LogProbs = null);

/// <summary>
/// Anything that writes assistant turns for a batch of conversations: a local model, an API model, a script.
/// Episodes are run in lockstep, so a local model can generate all active rows in one batch.
/// </summary>
public interface ITurnPolicy
{
    /// <summary>The next turn of each request, in order.</summary>
    ValueTask<IReadOnlyList<PolicyTurn>> NextTurnsAsync(IReadOnlyList<TurnRequest> requests, CancellationToken cancellationToken = default);
}
