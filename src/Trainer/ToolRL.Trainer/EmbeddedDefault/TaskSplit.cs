using ToolRL.Trainer.Evaluation;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>A seeded train / held-out split by task (a task's every turn is on one side).</summary>
/// <param name="Train">Tasks trained on (SFT and RL).</param>
/// <param name="HeldOut">Tasks only evaluated.</param>
public sealed record TaskSplit(IReadOnlyList<EvaluationTask> Train, IReadOnlyList<EvaluationTask> HeldOut)
{
    /// <summary>The fraction of tasks trained on by default; every command splits with it, so held-out sets agree.</summary>
    public const double DefaultTrainFraction = 0.7;

    /// <summary>
    /// Shuffles the tasks with <paramref name="seed"/> (after ordering by environment and id, so the environments'
    /// task order does not matter) and puts <paramref name="trainFraction"/> of them, rounded, at least one and
    /// leaving at least one, into <see cref="Train"/>.
    /// </summary>
    public static TaskSplit Create(IReadOnlyList<EvaluationTask> tasks, double trainFraction, long seed)
    {
        if (tasks.Count < 2) throw new ArgumentException($"A train/held-out split needs at least 2 tasks; the environments have {tasks.Count}.", nameof(tasks));
        if (!(trainFraction > 0 && trainFraction < 1)) throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The train fraction must be in (0, 1).");
        var ordered = tasks.OrderBy(t => t.Environment.Name, StringComparer.Ordinal).ThenBy(t => t.Task.Id, StringComparer.Ordinal).ToArray();
        new Random(unchecked((int)seed ^ (int)(seed >> 32))).Shuffle(ordered);
        int train = Math.Clamp((int)Math.Round(trainFraction * ordered.Length), 1, ordered.Length - 1);
        return new TaskSplit(ordered[..train], ordered[train..]);
    }
}
