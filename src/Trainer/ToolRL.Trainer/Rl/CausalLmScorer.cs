using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// <see cref="ISequenceScorer"/> over the TorchSharp Qwen model: the response log-probs (and entropies) from
/// <see cref="SequenceLogProbs.Compute"/> on a left-padded prompt / right-padded response batch.
/// </summary>
public sealed class CausalLmScorer : ISequenceScorer
{
    /// <summary>Scores with <paramref name="model"/>; pads with <paramref name="padTokenId"/>.</summary>
    /// <param name="model">The policy or the frozen reference.</param>
    /// <param name="padTokenId">Any valid token id; padded positions are masked out.</param>
    /// <param name="temperature">Divides the logits, as the sampler did (verl scores with the rollout temperature).</param>
    public CausalLmScorer(CausalLM model, int padTokenId = 0, double temperature = 1.0)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        PadTokenId = padTokenId;
        Temperature = temperature;
    }

    /// <summary>The model.</summary>
    public CausalLM Model { get; }

    /// <summary>The padding id.</summary>
    public int PadTokenId { get; }

    /// <summary>The logit temperature.</summary>
    public double Temperature { get; }

    /// <inheritdoc/>
    public ResponseScores Score(IReadOnlyList<(int[] Prompt, int[] Response)> pairs, bool withEntropy)
    {
        using var batch = LogProbBatch.Create(
            pairs.Select(p => ((IReadOnlyList<int>)p.Prompt, (IReadOnlyList<int>)p.Response)).ToArray(), PadTokenId, Model.Device);
        var (logProbs, entropy) = SequenceLogProbs.Compute(Model, batch, Temperature);
        if (withEntropy)
            return new ResponseScores(logProbs, entropy);
        entropy.Dispose();
        return new ResponseScores(logProbs, null);
    }
}
