namespace ToolRL.Tasks;

/// <summary>A task whose golden run failed at load: its id and why, in words that name the task.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Message">The error, starting with <c>Task 'id':</c>.</param>
/// <param name="Cause">The exception the golden solution threw, or null when the run did not match the graph.</param>
public sealed record TaskLoadError(string TaskId, string Message, Exception? Cause = null);

/// <summary>
/// Thrown by an environment's <c>Tasks</c> when some tasks failed to load. Each failure is reported per task
/// (<see cref="Errors"/>); the tasks that did load stay usable through <see cref="LoadedTasks"/> (e.g. to
/// describe a scenario with one broken task).
/// </summary>
public sealed class TaskLoadException : InvalidOperationException
{
    /// <summary>Creates the exception; its message lists every error, one per line.</summary>
    public TaskLoadException(string scenario, IReadOnlyList<EnvironmentTask> loadedTasks, IReadOnlyList<TaskLoadError> errors)
        : base(Describe(scenario, errors), errors.Count == 1 ? errors[0].Cause : null)
    {
        Scenario = scenario;
        LoadedTasks = loadedTasks;
        Errors = errors;
    }

    /// <summary>The scenario's name.</summary>
    public string Scenario { get; }

    /// <summary>The tasks that loaded.</summary>
    public IReadOnlyList<EnvironmentTask> LoadedTasks { get; }

    /// <summary>One entry per task that failed.</summary>
    public IReadOnlyList<TaskLoadError> Errors { get; }

    private static string Describe(string scenario, IReadOnlyList<TaskLoadError> errors) =>
        errors.Count == 1
            ? errors[0].Message
            : $"{errors.Count} tasks of scenario '{scenario}' failed to load:\n" + string.Join("\n", errors.Select(e => "  " + e.Message));
}
