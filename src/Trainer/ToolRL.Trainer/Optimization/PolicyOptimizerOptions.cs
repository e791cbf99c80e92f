namespace ToolRL.Trainer.Optimization;

/// <summary>
/// AdamW and gradient clipping. Defaults follow the paper (lr 1e-6) and FTRL's verl config (weight decay 0.01,
/// grad_clip 1.0, PyTorch's betas and ε).
/// </summary>
public sealed record PolicyOptimizerOptions
{
    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 1e-6;

    /// <summary>Decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Adam β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Largest global L2 norm of the gradients; larger ones are scaled down. ≤ 0 or infinity disables clipping.</summary>
    public double MaxGradNorm { get; init; } = 1.0;
}
