namespace ToolRL.Trainer.Rl;

/// <summary>What one <see cref="RlUpdater.Update"/> did; losses are means over its optimizer steps.</summary>
public sealed record RlUpdateStats
{
    /// <summary>Samples trained on.</summary>
    public int Samples { get; init; }
    /// <summary>Valid response tokens in the batch.</summary>
    public long ResponseTokens { get; init; }
    /// <summary>Optimizer steps applied.</summary>
    public int OptimizerSteps { get; init; }
    /// <summary>Steps skipped for a non-finite gradient norm.</summary>
    public int SkippedSteps { get; init; }
    /// <summary>Mean reward of the samples.</summary>
    public double MeanReward { get; init; }
    /// <summary>Mean advantage over valid tokens.</summary>
    public double MeanAdvantage { get; init; }
    /// <summary>Policy-gradient loss.</summary>
    public double PolicyLoss { get; init; }
    /// <summary>Mean token entropy (nats).</summary>
    public double Entropy { get; init; }
    /// <summary>KL to the reference (the configured estimator).</summary>
    public double Kl { get; init; }
    /// <summary>Total loss.</summary>
    public double TotalLoss { get; init; }
    /// <summary>Share of tokens where the PPO clip was active.</summary>
    public double ClipFraction { get; init; }
    /// <summary>verl's <c>ppo_kl</c>: mean(old − new) log-prob.</summary>
    public double ApproxKl { get; init; }
    /// <summary>Mean gradient norm before clipping.</summary>
    public double GradNorm { get; init; }
    /// <summary>Wall time of the update.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Training throughput: response tokens × epochs per second of update time (forward + backward).</summary>
    public double TokensPerSecond { get; init; }
}
