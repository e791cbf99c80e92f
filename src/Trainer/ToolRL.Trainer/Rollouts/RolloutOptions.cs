using ToolRL.Episodes;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rollouts;

/// <summary>How <see cref="EpisodeRunner"/> runs episodes: the Runtime's episode rules, the sampling of each turn, the prompt.</summary>
public sealed record RolloutOptions
{
    /// <summary>Turn limit, step-reward variant and solve rule of every episode (the Runtime's defaults: 20 turns, F1, the reference rule).</summary>
    public EpisodeOptions Episode { get; init; } = EpisodeOptions.Default;

    /// <summary>Sampling of each turn.</summary>
    public PolicySampling Sampling { get; init; } = new();

    /// <summary>An optional system message put before the user's question.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Episodes run side by side (one policy batch per round); the next ones start when all of these have ended.</summary>
    public int ParallelEpisodes { get; init; } = 8;
}
