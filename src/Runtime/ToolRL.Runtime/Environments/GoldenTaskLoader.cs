using ToolRL.Tasks;

namespace ToolRL.Environments;

/// <summary>
/// Turns task descriptors into <see cref="EnvironmentTask"/>s by running each golden solution on a fresh
/// implementation behind the scenario's recording proxy. Gold sub-answers are the recorded outputs.
/// </summary>
internal static class GoldenTaskLoader
{
    public static IReadOnlyList<EnvironmentTask> Load<TTools>(IScenario<TTools> scenario, Func<TTools> factory)
        where TTools : class
    {
        var tasks = new List<EnvironmentTask>(scenario.Tasks.Count);
        foreach (var descriptor in scenario.Tasks)
            tasks.Add(LoadOne(scenario, factory, descriptor));
        return tasks;
    }

    public static EnvironmentTask LoadOne<TTools>(IScenario<TTools> scenario, Func<TTools> factory, TaskDescriptor<TTools> descriptor)
        where TTools : class
    {
        var recorder = new GoldenRecorder();
        string finalAnswer;
        try
        {
            finalAnswer = descriptor.Solve(scenario.CreateRecorder(factory(), recorder));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"Task '{descriptor.Id}': its golden solution threw {ex.GetType().Name}: {ex.Message}", ex);
        }

        var recorded = recorder.Calls;
        var specs = descriptor.Calls;
        var matches = recorded.Count == specs.Count;
        for (var i = 0; matches && i < specs.Count; i++)
            matches = string.Equals(recorded[i].ToolName, specs[i].ToolName, StringComparison.Ordinal);
        if (!matches)
        {
            throw new InvalidOperationException(
                $"Task '{descriptor.Id}': the golden run made {recorded.Count} call(s) [{string.Join(", ", recorded.Select(c => c.ToolName))}] " +
                $"but the task's call graph has {specs.Count} [{string.Join(", ", specs.Select(c => c.ToolName))}]. " +
                "A task body must make exactly the calls its graph lists, in the same order (no loops or branches on tool output).");
        }

        var subQuestions = new SubQuestion[specs.Count];
        for (var i = 0; i < specs.Count; i++)
            subQuestions[i] = new SubQuestion(i, specs[i].ToolName, recorded[i].ArgumentsJson, specs[i].DependsOn, recorded[i].Output);
        return new EnvironmentTask(descriptor.Id, scenario.Name, descriptor.Question, descriptor.Structure, subQuestions, finalAnswer ?? string.Empty);
    }
}
