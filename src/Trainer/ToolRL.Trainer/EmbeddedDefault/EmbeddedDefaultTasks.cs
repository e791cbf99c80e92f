using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded default's tasks for a seed: the authored tasks divided by the split rule, the composed training tasks
/// and the composed held-out tasks (each kept on the side the rule gives its question). One function, so that the
/// job, the vocabulary's corpus and <c>eval --run</c> see the same tasks.
/// </summary>
/// <param name="Split">The authored tasks, split by question.</param>
/// <param name="Composed">Composed training tasks.</param>
/// <param name="HeldOutComposed">Composed held-out tasks, composed with <see cref="HeldOutRecipe"/>.</param>
/// <param name="Rule">The split rule.</param>
/// <param name="HeldOutRecipe">How <paramref name="HeldOutComposed"/> was composed.</param>
public sealed record EmbeddedDefaultTasks(SplitTasks Split, IReadOnlyList<EpisodeTask> Composed, IReadOnlyList<EpisodeTask> HeldOutComposed, TaskSplit Rule, ComposedRecipe HeldOutRecipe)
{
    /// <summary>Authored then composed training tasks.</summary>
    public EpisodeTask[] Train { get; } = Split.Train.Concat(Composed).ToArray();

    /// <summary>Authored then composed held-out tasks (the report's per-source scores rely on this order).</summary>
    public EpisodeTask[] HeldOut { get; } = Split.HeldOut.Concat(HeldOutComposed).ToArray();

    /// <summary>The run folder's record of this plan.</summary>
    public SplitManifest Manifest() => SplitManifest.Of(Rule, Train, HeldOut, HeldOutComposed.Count > 0 ? HeldOutRecipe : null);

    /// <summary>Plans the tasks of <paramref name="options"/>' seed over <paramref name="environments"/>.</summary>
    public static EmbeddedDefaultTasks Plan(EmbeddedDefaultOptions options, IReadOnlyList<IToolEnvironment> environments)
    {
        var rule = new TaskSplit(options.HeldOutFraction, options.Seed);
        var split = SplitTasks.Create(EpisodeTask.All(environments), rule);
        var composed = ComposedTasks.Compose(environments, rule, heldOut: false, options.ComposedTasksPerStructure, options.Seed);
        var recipe = new ComposedRecipe(options.HeldOutComposedTasksPerStructure, unchecked(options.Seed * 31 + 7_777));
        var heldOutComposed = ComposedTasks.Compose(environments, rule, heldOut: true, recipe.PerStructure, recipe.Seed);
        return new EmbeddedDefaultTasks(split, composed, heldOutComposed, rule, recipe);
    }
}
