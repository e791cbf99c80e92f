using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// Turns task descriptors into <see cref="EnvironmentTask"/>s by running each golden solution on a fresh
/// implementation behind the scenario's recording proxy. Gold sub-answers are the recorded outputs. Each task
/// loads on its own: one that fails is reported with its name and does not stop the others.
/// </summary>
internal static class GoldenTaskLoader
{
    public static (IReadOnlyList<EnvironmentTask> Tasks, IReadOnlyList<TaskLoadError> Errors) Load<TTools>(IScenario<TTools> scenario, Func<TTools> factory)
        where TTools : class
    {
        var tasks = new List<EnvironmentTask>(scenario.Tasks.Count);
        var errors = new List<TaskLoadError>();
        foreach (var descriptor in scenario.Tasks)
        {
            var (task, error) = TryLoadOne(scenario, factory, descriptor);
            if (task is not null)
                tasks.Add(task);
            else
                errors.Add(error!);
        }
        return (tasks, errors);
    }

    private static (EnvironmentTask? Task, TaskLoadError? Error) TryLoadOne<TTools>(IScenario<TTools> scenario, Func<TTools> factory, TaskDescriptor<TTools> descriptor)
        where TTools : class
    {
        var recorder = new GoldenRecorder();
        string finalAnswer;
        try
        {
            finalAnswer = descriptor.Solve(scenario.CreateRecorder(factory(), recorder));
        }
        catch (NoRecordException ex)
        {
            // A facts tool's fallback would otherwise become the gold answer (it is not recorded: it threw).
            var index = recorder.Calls.Count;
            var tool = index < descriptor.Calls.Count ? descriptor.Calls[index].ToolName : "a tool";
            return (null, new TaskLoadError(descriptor.Id,
                $"Task '{descriptor.Id}': its golden call {index} ({tool}) has no matching fact ({ex.Message}); " +
                "add a fact for these arguments or change the task.", ex));
        }
        catch (Exception ex)
        {
            return (null, new TaskLoadError(descriptor.Id,
                $"Task '{descriptor.Id}': its golden solution threw {ex.GetType().Name}: {ex.Message}", ex));
        }

        var recorded = recorder.Calls;
        var specs = descriptor.Calls;
        var matches = recorded.Count == specs.Count;
        for (var i = 0; matches && i < specs.Count; i++)
            matches = string.Equals(recorded[i].ToolName, specs[i].ToolName, StringComparison.Ordinal);
        if (!matches)
        {
            return (null, new TaskLoadError(descriptor.Id,
                $"Task '{descriptor.Id}': the golden run made {recorded.Count} call(s) [{string.Join(", ", recorded.Select(c => c.ToolName))}] " +
                $"but the task's call graph has {specs.Count} [{string.Join(", ", specs.Select(c => c.ToolName))}]. " +
                "A task body must make exactly the calls its graph lists, in the same order (no loops or branches on tool output)."));
        }

        var subQuestions = new SubQuestion[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            string answer;
            try
            {
                // A call the task reads one member of answers with that member (a hop through a record output).
                answer = specs[i].SubAnswer is { } member ? member(recorder.Results[i]) : recorded[i].Output;
            }
            catch (Exception ex)
            {
                return (null, new TaskLoadError(descriptor.Id,
                    $"Task '{descriptor.Id}': the member '{specs[i].SubAnswerMember}' of its golden call {i} ({specs[i].ToolName}) could not be read: {ex.GetType().Name}: {ex.Message}", ex));
            }
            subQuestions[i] = new SubQuestion(i, specs[i].ToolName, recorded[i].ArgumentsJson, specs[i].DependsOn, answer);
        }
        return (new EnvironmentTask(descriptor.Id, scenario.Name, descriptor.Question, descriptor.Structure, subQuestions, finalAnswer ?? string.Empty), null);
    }
}
