using ToolRL.Environments;
using ToolRL.Tasks;

namespace ToolRL.Trainer.Evaluation;

/// <summary>A task together with the environment it runs in.</summary>
/// <param name="Environment">The environment (tools and sessions).</param>
/// <param name="Task">The task.</param>
public sealed record EvaluationTask(IToolEnvironment Environment, EnvironmentTask Task)
{
    /// <summary>Every task of every environment, in order.</summary>
    public static IReadOnlyList<EvaluationTask> All(IEnumerable<IToolEnvironment> environments) =>
        environments.SelectMany(e => e.Tasks.Select(t => new EvaluationTask(e, t))).ToArray();
}
