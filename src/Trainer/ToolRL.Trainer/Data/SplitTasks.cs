using ToolRL.Tasks;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Data;

/// <summary>
/// Tasks divided by the project's one split rule (<see cref="TaskSplit"/>: a seeded hash of each question), so a
/// task is on the same side whichever scenarios are selected. A task's every turn is on its side.
/// </summary>
/// <param name="Train">Tasks trained on (SFT and RL), in their given order.</param>
/// <param name="HeldOut">Tasks only evaluated, in their given order.</param>
public sealed record SplitTasks(IReadOnlyList<EpisodeTask> Train, IReadOnlyList<EpisodeTask> HeldOut)
{
    /// <summary>Divides <paramref name="tasks"/> by <paramref name="split"/>.</summary>
    /// <exception cref="InvalidDataException">A side is empty: training and evaluation would have nothing to work on.</exception>
    public static SplitTasks Create(IReadOnlyList<EpisodeTask> tasks, TaskSplit split)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(split);
        var (train, heldOut) = split.Partition(tasks, t => t.Task.Question);
        if (train.Count == 0 || heldOut.Count == 0)
            throw new InvalidDataException(
                $"the train / held-out split (seed {split.Seed}, {split.HeldOutFraction:P0} held out by question) puts {train.Count} of the {tasks.Count} tasks in training " +
                $"and {heldOut.Count} in the held-out set; both need at least one: add tasks or try another --seed");
        return new SplitTasks(train, heldOut);
    }
}
