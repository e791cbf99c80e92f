namespace ToolRL.Trainer.Rl;

/// <summary>
/// The actor loss's hyper-parameters. Defaults are the paper's verl settings: clip 0.2 (dual clip 3.0), entropy
/// coefficient 0.001, KL loss (not reward) with coefficient 0.001 of type low_var_kl, token-mean aggregation.
/// </summary>
public sealed record RlLossOptions
{
    /// <summary>PPO clip ranges.</summary>
    public ClipRange Clip { get; init; } = new();

    /// <summary>verl's <c>entropy_coeff</c>: the loss subtracts this times the mean entropy (an entropy bonus).</summary>
    public double EntropyCoefficient { get; init; } = 0.001;

    /// <summary>verl's <c>use_kl_loss</c>: add a KL term to the frozen reference to the loss.</summary>
    public bool UseKlLoss { get; init; } = true;

    /// <summary>verl's <c>kl_loss_coef</c>.</summary>
    public double KlCoefficient { get; init; } = 0.001;

    /// <summary>verl's <c>kl_loss_type</c>.</summary>
    public KlEstimator KlEstimator { get; init; } = KlEstimator.LowVarK3;

    /// <summary>verl's <c>loss_agg_mode</c>, applied to the policy, entropy and KL terms alike.</summary>
    public LossAggregationMode Aggregation { get; init; } = LossAggregationMode.TokenMean;
}
