namespace ToolRL.Trainer.Optimization;

/// <summary>
/// Linear warm-up to the base learning rate, then cosine decay to <see cref="FinalFraction"/> of it at the last
/// step (HF transformers' <c>get_cosine_schedule_with_warmup</c>, with a floor). The defaults keep it constant.
/// </summary>
public sealed record LearningRateSchedule
{
    /// <summary>Steps of linear warm-up from base / warm-up steps to the base rate.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Learning rate at the last step as a fraction of the base; 1 = no decay.</summary>
    public double FinalFraction { get; init; } = 1.0;

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public double At(int step, int totalSteps, double baseRate)
    {
        if (step < WarmupSteps) return baseRate * (step + 1) / WarmupSteps;
        int decaySteps = Math.Max(1, totalSteps - WarmupSteps - 1);
        double progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return baseRate * (FinalFraction + (1 - FinalFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "WarmupSteps must be ≥ 0.");
        if (!(FinalFraction is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(FinalFraction), FinalFraction, "FinalFraction must be in (0, 1].");
    }
}
