namespace ToolRL.Trainer.Runs;

/// <summary>How <see cref="MetricPlots"/> draws a curve.</summary>
internal sealed record CurveStyle
{
    /// <summary>
    /// Weight w of an exponential moving average drawn over the raw points, s₀ = y₀, sₜ = w·sₜ₋₁ + (1 − w)·yₜ
    /// (TensorBoard's smoothing slider); the raw line is then drawn faint. Null: the raw line alone.
    /// </summary>
    public double? Smoothing { get; init; }

    /// <summary>
    /// A logarithmic y axis when every value is positive and the largest is at least this many times the smallest
    /// (a loss that falls by orders of magnitude); null: always linear.
    /// </summary>
    public double? LogScaleAtRatio { get; init; }

    /// <summary>The raw line only.</summary>
    public static CurveStyle Raw { get; } = new();

    /// <summary>Noisy per-iteration values (RL reward, KL, entropy): raw points with an EMA of weight 0.7 over them.</summary>
    public static CurveStyle Noisy { get; } = new() { Smoothing = 0.7 };

    /// <summary>Losses: a log axis when they span two orders of magnitude or more.</summary>
    public static CurveStyle Loss { get; } = new() { LogScaleAtRatio = 100 };

    /// <summary>The exponential moving average of <paramref name="values"/> with weight <paramref name="weight"/>.</summary>
    public static double[] Ema(IReadOnlyList<double> values, double weight)
    {
        if (!(weight >= 0 && weight < 1)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "The smoothing weight must be in [0, 1).");
        var smoothed = new double[values.Count];
        for (int i = 0; i < values.Count; i++)
            smoothed[i] = i == 0 ? values[0] : weight * smoothed[i - 1] + (1 - weight) * values[i];
        return smoothed;
    }
}
