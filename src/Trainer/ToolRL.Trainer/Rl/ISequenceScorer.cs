using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>Per-token scores of a batch of responses, <c>[batch, longest response]</c>, right-padded.</summary>
/// <param name="LogProbs">log p(response token | prompt, earlier response tokens); padding positions are arbitrary.</param>
/// <param name="Entropy">The policy's entropy at each response position, or null when not asked for.</param>
internal sealed record ResponseScores(Tensor LogProbs, Tensor? Entropy) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        LogProbs.Dispose();
        Entropy?.Dispose();
    }
}

/// <summary>
/// A causal LM seen from RL: the log-probs (and optionally entropies) of given responses after given prompts.
/// The TorchSharp Qwen policy implements it; the result carries a gradient unless computed under <c>no_grad</c>.
/// </summary>
internal interface ISequenceScorer
{
    /// <summary>Scores each (prompt, response) pair; responses are right-padded to the longest one.</summary>
    ResponseScores Score(IReadOnlyList<(int[] Prompt, int[] Response)> pairs, bool withEntropy);
}
