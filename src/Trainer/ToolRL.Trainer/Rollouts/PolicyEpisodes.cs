using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Rollouts;

/// <summary>RL prompts from the policy's own episodes (<see cref="EpisodeRunner"/>), sampled with the call's seed.</summary>
public sealed class PolicyEpisodes : IRlPromptSource
{
    private readonly IPolicy _policy;
    private readonly RolloutOptions _options;

    /// <summary>Creates the source; <paramref name="options"/>' sampling seed is replaced by each call's.</summary>
    public PolicyEpisodes(IPolicy policy, RolloutOptions options)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EpisodeTrace>> EpisodesAsync(IReadOnlyList<EpisodeTask> tasks, int seed, CancellationToken cancellationToken = default) =>
        new EpisodeRunner(_policy, _options with { Sampling = _options.Sampling with { Seed = seed } }).RunAsync(tasks, cancellationToken);
}
