using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Sft;

/// <summary>How <see cref="SftTrainingProcess"/> trains.</summary>
public sealed record SftOptions
{
    /// <summary>Optimizer steps to take (the examples are reshuffled each pass).</summary>
    public int Steps { get; init; } = 100;

    /// <summary>Sequences per optimizer step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>AdamW settings (learning rate, weight decay, gradient clipping).</summary>
    public PolicyOptimizerOptions Optimizer { get; init; } = new() { LearningRate = 1e-3, WeightDecay = 0.0, MaxGradNorm = 1.0 };

    /// <summary>Learning-rate schedule over <see cref="Steps"/> (constant by default).</summary>
    public LearningRateSchedule Schedule { get; init; } = new();

    /// <summary>Seed of the example order.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// When &gt; 0, each batch is drawn from examples sharing a context prefix of at least this many tokens (their
    /// system prompt, in practice) and that prefix runs once per batch instead of once per row: same loss, several
    /// times fewer tokens to compute. 0 = plain shuffled batches, every row run in full.
    /// </summary>
    public int MinSharedPrefix { get; init; } = 64;

    /// <summary>Token id written into padding (never trained on).</summary>
    public int PadTokenId { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Steps < 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be ≥ 0.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be ≥ 1.");
        if (!(Optimizer.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer.LearningRate, "The learning rate must be > 0.");
        Schedule.Validate();
        if (MinSharedPrefix < 0) throw new ArgumentOutOfRangeException(nameof(MinSharedPrefix), MinSharedPrefix, "MinSharedPrefix must be ≥ 0.");
    }
}
