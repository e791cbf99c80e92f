using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// <see cref="ISequenceScorer"/> over the TorchSharp Qwen model: the response log-probs (and entropies) from
/// <see cref="SequenceLogProbs.Compute"/> on a left-padded prompt / right-padded response batch. When every prompt of
/// the batch starts with the same <see cref="MinSharedPrefix"/> or more tokens (the system prompt), that prefix runs once.
/// </summary>
internal sealed class CausalLmScorer : ISequenceScorer
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

    /// <summary>Shortest common prompt prefix worth running once for the whole batch; 0 = never share.</summary>
    public int MinSharedPrefix { get; init; } = 64;

    /// <inheritdoc/>
    public ResponseScores Score(IReadOnlyList<(int[] Prompt, int[] Response)> pairs, bool withEntropy)
    {
        int shared = MinSharedPrefix > 0 ? SharedPromptLength(pairs) : 0;
        if (shared < MinSharedPrefix) shared = 0;
        using var batch = LogProbBatch.Create(
            pairs.Select(p => ((IReadOnlyList<int>)p.Prompt[shared..], (IReadOnlyList<int>)p.Response)).ToArray(), PadTokenId, Model.Device);
        using var prefix = shared == 0 ? null : tensor(pairs[0].Prompt[..shared].Select(i => (long)i).ToArray(), device: Model.Device);
        var (logProbs, entropy) = SequenceLogProbs.Compute(Model, batch, Temperature, prefix);
        if (withEntropy)
            return new ResponseScores(logProbs, entropy);
        entropy.Dispose();
        return new ResponseScores(logProbs, null);
    }

    /// <summary>The longest prefix common to every prompt, leaving each prompt at least its last token.</summary>
    public static int SharedPromptLength(IReadOnlyList<(int[] Prompt, int[] Response)> pairs)
    {
        var prompts = pairs.Select(p => p.Prompt).ToArray();
        return TokenPrefix.CommonLength(prompts, prompts.Min(p => p.Length) - 1);
    }
}
