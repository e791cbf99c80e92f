using ToolRL.Episodes;
using ToolRL.Rewards;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rl.Rollouts;

/// <summary>How episodes are run.</summary>
public sealed record RolloutOptions
{
    /// <summary>Assistant turns per episode (paper: 20).</summary>
    public int MaxTurns { get; init; } = 20;

    /// <summary>Step-reward variant for turns with calls.</summary>
    public StepRewardVariant RewardVariant { get; init; } = StepRewardVariant.F1;

    /// <summary>Which outputs solve: strict for training rewards (error texts never solve), reference for parity.</summary>
    public SolveRule SolveRule { get; init; } = SolveRule.Strict;

    /// <summary>Sampling of each turn.</summary>
    public PolicySampling Sampling { get; init; } = new();

    /// <summary>An optional system message put before the user's question.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Episodes whose turns are requested from the policy together (one batch per turn).</summary>
    public int ParallelEpisodes { get; init; } = 8;
}
