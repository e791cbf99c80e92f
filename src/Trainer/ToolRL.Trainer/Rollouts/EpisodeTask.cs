using ToolRL.Environments;
using ToolRL.Tasks;

namespace ToolRL.Trainer.Rollouts;

/// <summary>A task together with the environment it runs in: what an episode runs, in evaluation, collection and RL alike.</summary>
/// <param name="Environment">The environment (tools and sessions).</param>
/// <param name="Task">The task.</param>
public sealed record EpisodeTask(IToolEnvironment Environment, EnvironmentTask Task)
{
    /// <summary>Every task of every environment, in order.</summary>
    public static IReadOnlyList<EpisodeTask> All(IEnumerable<IToolEnvironment> environments) =>
        environments.SelectMany(e => e.Tasks.Select(t => new EpisodeTask(e, t))).ToArray();
}
