
namespace ToolRL.Trainer.Rollouts;

/// <summary>
/// Where RL prompts come from: episodes of the given tasks, whose step records (<see cref="EpisodeTrace.Steps"/>)
/// are the prompts <see cref="Rl.GroupSampler"/> samples at. <see cref="PolicyEpisodes"/> runs the policy on them, as the
/// paper collects trajectories; <see cref="RecordedConversations"/> replays conversations recorded before (golden
/// trajectories, an earlier run's episodes).
/// </summary>
public interface IRlPromptSource
{
    /// <summary>One episode per task, in order.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="seed">The sampling seed of this call, for sources that sample; the same seed gives the same episodes.</param>
    /// <param name="cancellationToken">Stops the episodes.</param>
    Task<IReadOnlyList<EpisodeTrace>> EpisodesAsync(IReadOnlyList<EpisodeTask> tasks, int seed, CancellationToken cancellationToken = default);
}
