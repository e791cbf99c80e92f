using ToolRL.Construction.Composition;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Sources;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// Tasks composed for the embedded job by the construction <see cref="TaskComposer"/> from each environment's phrase
/// templates and value domains and validated as <c>export</c> validates them (all four structures, many entities): extra training tasks, so the tiny policy has to
/// copy arguments from the question and values from tool responses instead of memorising the few authored tasks; and,
/// with another seed, extra held-out tasks. A composed task keeps the side the split rule gives its question, like
/// every other task, so no held-out question is ever trained on.
/// </summary>
public static class ComposedTasks
{
    /// <summary>
    /// Up to <paramref name="perStructure"/> composed tasks of each structure per environment whose questions
    /// <paramref name="split"/> puts on the held-out side (<paramref name="heldOut"/>) or the train side.
    /// </summary>
    public static IReadOnlyList<EpisodeTask> Compose(
        IReadOnlyList<IToolEnvironment> environments, TaskSplit split, bool heldOut, int perStructure, int seed)
    {
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(split);
        if (perStructure <= 0) return [];
        // Compose more than needed, since only the questions on the wanted side are kept.
        var side = heldOut ? split.HeldOutFraction : 1 - split.HeldOutFraction;
        if (side <= 0) return [];
        int candidates = (int)Math.Ceiling(perStructure / side * 1.5) + 2;
        var options = new CompositionOptions
        {
            Seed = seed, SingleHop = candidates, ParallelSingleHop = candidates, MultiHop = candidates, ParallelMultiHop = candidates,
            MaxParallel = 3, MaxHopDepth = 3, MaxConsecutiveFailures = 200,
        };
        var tasks = new List<EpisodeTask>();
        foreach (var environment in environments)
        {
            var source = ScenarioSource.FromEnvironment(environment);
            var kept = new Dictionary<Tasks.TaskStructure, int>();
            // Validated like export's tasks, so nothing export would reject (e.g. non-discriminative) is trained or evaluated on.
            foreach (var task in ConstructionPipeline.ComposeValidated(source, options))
            {
                if (split.IsHeldOut(task) != heldOut) continue;
                var count = kept.GetValueOrDefault(task.Structure);
                if (count >= perStructure) continue;
                kept[task.Structure] = count + 1;
                tasks.Add(new EpisodeTask(environment, task));
            }
        }
        return tasks;
    }
}
