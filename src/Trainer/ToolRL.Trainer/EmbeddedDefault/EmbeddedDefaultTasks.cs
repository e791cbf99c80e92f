using ToolRL.Environments;
using ToolRL.Trainer.Evaluation;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded default's tasks for a seed: the seeded split of the authored tasks, the composed training tasks and
/// the composed held-out tasks. One function, so that the job and the vocabulary's corpus see the same tasks.
/// </summary>
/// <param name="Split">The authored tasks, split by the seed.</param>
/// <param name="Composed">Composed training tasks (questions equal to an authored held-out one dropped).</param>
/// <param name="HeldOutComposed">Composed held-out tasks, with another seed.</param>
public sealed record EmbeddedDefaultTasks(TaskSplit Split, IReadOnlyList<EvaluationTask> Composed, IReadOnlyList<EvaluationTask> HeldOutComposed)
{
    /// <summary>Authored then composed training tasks.</summary>
    public EvaluationTask[] Train { get; } = Split.Train.Concat(Composed).ToArray();

    /// <summary>Authored then composed held-out tasks (the report's per-source scores rely on this order).</summary>
    public EvaluationTask[] HeldOut { get; } = Split.HeldOut.Concat(HeldOutComposed).ToArray();

    /// <summary>Plans the tasks of <paramref name="options"/>' seed over <paramref name="environments"/>.</summary>
    public static EmbeddedDefaultTasks Plan(EmbeddedDefaultOptions options, IReadOnlyList<IToolEnvironment> environments)
    {
        var split = TaskSplit.Create(EvaluationTask.All(environments), options.TrainFraction, options.Seed);
        var composed = ComposedTasks.Compose(environments, split.HeldOut, options.ComposedTasksPerStructure, unchecked((int)options.Seed));
        var heldOutComposed = ComposedTasks.Compose(
            environments, split.Train.Concat(composed).Concat(split.HeldOut), options.HeldOutComposedTasksPerStructure, unchecked((int)options.Seed * 31 + 7_777));
        return new EmbeddedDefaultTasks(split, composed, heldOutComposed);
    }
}
