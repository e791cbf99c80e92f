namespace ToolRL.Trainer.Rl;

/// <summary>
/// One RL training sample: a prompt (a recorded prefix, rendered and tokenized) and one sampled next assistant turn.
/// </summary>
/// <param name="GroupId">The prompt's id; GRPO normalizes rewards among samples with the same id.</param>
/// <param name="PromptIds">Prompt token ids.</param>
/// <param name="ResponseIds">Sampled response token ids (including the end token when one was produced).</param>
/// <param name="Reward">The step reward of the response.</param>
/// <param name="SampledLogProbs">Log-probs the sampler reported, parallel to <paramref name="ResponseIds"/>, or null.</param>
public sealed record RlSample(string GroupId, int[] PromptIds, int[] ResponseIds, double Reward, float[]? SampledLogProbs = null)
{
    /// <summary>Throws when the sample cannot be trained on.</summary>
    public void Validate()
    {
        if (PromptIds.Length == 0)
            throw new ArgumentException($"Sample of group '{GroupId}' has an empty prompt.");
        if (ResponseIds.Length == 0)
            throw new ArgumentException($"Sample of group '{GroupId}' has an empty response; nothing to train on.");
        if (SampledLogProbs is not null && SampledLogProbs.Length != ResponseIds.Length)
            throw new ArgumentException(
                $"Sample of group '{GroupId}' has {SampledLogProbs.Length} log-probs for {ResponseIds.Length} response tokens.");
        if (!double.IsFinite(Reward))
            throw new ArgumentException($"Sample of group '{GroupId}' has reward {Reward}; rewards must be finite.");
    }
}
