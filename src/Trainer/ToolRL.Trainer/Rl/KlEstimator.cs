namespace ToolRL.Trainer.Rl;

/// <summary>The per-token KL estimators verl offers (<c>kl_loss_type</c>), after Schulman's "Approximating KL divergence".</summary>
public enum KlEstimator
{
    /// <summary><c>kl</c> / <c>k1</c>: <c>logp − ref</c>.</summary>
    K1,
    /// <summary><c>abs</c>: <c>|logp − ref|</c>.</summary>
    Abs,
    /// <summary><c>mse</c> / <c>k2</c>: <c>½(logp − ref)²</c>.</summary>
    K2,
    /// <summary><c>low_var_kl</c> / <c>k3</c> (the paper's): <c>exp(ref − logp) − (ref − logp) − 1</c>, clamped to [−10, 10].</summary>
    LowVarK3,
}

/// <summary>Parsing of verl's KL type names.</summary>
public static class KlEstimatorNames
{
    /// <summary>Maps <c>kl|k1|abs|mse|k2|low_var_kl|k3</c> to the estimator; anything else throws, naming the choices.</summary>
    public static KlEstimator Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "kl" or "k1" => KlEstimator.K1,
        "abs" => KlEstimator.Abs,
        "mse" or "k2" => KlEstimator.K2,
        "low_var_kl" or "k3" or "lowvark3" => KlEstimator.LowVarK3,
        _ => throw new ArgumentException($"Unknown KL estimator '{name}'; use kl|k1, abs, mse|k2 or low_var_kl|k3.", nameof(name)),
    };

    /// <summary>verl's canonical name of an estimator.</summary>
    public static string ToVerlName(this KlEstimator estimator) => estimator switch
    {
        KlEstimator.K1 => "kl",
        KlEstimator.Abs => "abs",
        KlEstimator.K2 => "mse",
        KlEstimator.LowVarK3 => "low_var_kl",
        _ => throw new ArgumentOutOfRangeException(nameof(estimator)),
    };
}
