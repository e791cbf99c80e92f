namespace ToolRL.Trainer.Rl;

/// <summary>How one batch of samples becomes optimizer steps (verl's actor update settings).</summary>
public sealed record RlUpdateOptions
{
    /// <summary>Advantage estimator.</summary>
    public RlAlgorithm Algorithm { get; init; } = RlAlgorithm.Grpo;

    /// <summary>The actor loss.</summary>
    public RlLossOptions Loss { get; init; } = new();

    /// <summary>Samples per optimizer step (verl's <c>ppo_mini_batch_size</c> × samples per prompt).</summary>
    public int MiniBatchSize { get; init; } = 32;

    /// <summary>Samples per forward/backward pass; gradients of a mini-batch's micro-batches accumulate.</summary>
    public int MicroBatchSize { get; init; } = 4;

    /// <summary>Passes over the batch (verl's <c>ppo_epochs</c>; the paper uses 1).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>GRPO's ε added to the group std.</summary>
    public double GrpoEpsilon { get; init; } = GrpoAdvantage.DefaultEpsilon;

    /// <summary>REINFORCE++'s discount.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>
    /// True (verl's behaviour): the "old" log-probs are recomputed with the current policy before the update.
    /// False: the sampler's log-probs (<see cref="RlSample.SampledLogProbs"/>) are used.
    /// </summary>
    public bool RecomputeOldLogProbs { get; init; } = true;

    /// <summary>Rejects settings that cannot work.</summary>
    public void Validate()
    {
        if (MiniBatchSize < 1 || MicroBatchSize < 1 || Epochs < 1)
            throw new ArgumentException(
                $"Mini-batch ({MiniBatchSize}), micro-batch ({MicroBatchSize}) and epochs ({Epochs}) must all be ≥ 1.");
        Loss.Clip.Validate();
    }
}
