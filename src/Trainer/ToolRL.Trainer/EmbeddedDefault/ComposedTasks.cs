using ToolRL.Construction.Composition;
using ToolRL.Construction.Sources;
using ToolRL.Environments;
using ToolRL.Trainer.Evaluation;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// Tasks composed for the embedded job by the construction <see cref="TaskComposer"/> from each environment's phrase
/// templates and value domains (all four structures, many entities): extra training tasks, so the tiny policy has to
/// copy arguments from the question and values from tool responses instead of memorising the few authored tasks; and,
/// with another seed, extra held-out tasks. A composed task whose question (case- and space-insensitively) equals an
/// excluded one is dropped, so no held-out question is ever trained on.
/// </summary>
public static class ComposedTasks
{
    /// <summary>
    /// Up to <paramref name="perStructure"/> composed tasks of each structure per environment, minus any whose question
    /// is one of <paramref name="excluded"/>'s (the held-out tasks when composing training tasks, and the reverse).
    /// </summary>
    public static IReadOnlyList<EvaluationTask> Compose(
        IReadOnlyList<IToolEnvironment> environments, IEnumerable<EvaluationTask> excluded, int perStructure, int seed)
    {
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(excluded);
        if (perStructure <= 0) return [];
        var excludedKeys = new HashSet<string>(excluded.Select(t => Key(t.Task.Question)), StringComparer.Ordinal);
        var options = new CompositionOptions
        {
            Seed = seed, SingleHop = perStructure, ParallelSingleHop = perStructure, MultiHop = perStructure, ParallelMultiHop = perStructure,
            MaxParallel = 3, MaxHopDepth = 3, MaxConsecutiveFailures = 200,
        };
        var tasks = new List<EvaluationTask>();
        foreach (var environment in environments)
        {
            var source = ScenarioSource.FromEnvironment(environment);
            foreach (var task in new TaskComposer(source, ValueDomains.FromScenario(source)).Compose(options))
            {
                if (!excludedKeys.Contains(Key(task.Question))) tasks.Add(new EvaluationTask(environment, task));
            }
        }
        return tasks;
    }

    /// <summary>The comparison key of a question: lower case, whitespace collapsed.</summary>
    public static string Key(string question) =>
        string.Join(' ', question.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
