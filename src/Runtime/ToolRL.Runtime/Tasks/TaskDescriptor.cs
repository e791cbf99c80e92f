namespace ToolRL.Tasks;

/// <summary>
/// A task as the generator emits it: the question, the golden call graph derived at compile time, and a
/// delegate that runs the author's task method against a tools implementation and returns the rendered
/// final answer. Gold sub-answers are not stored: they come from executing the golden calls at load.
/// </summary>
/// <typeparam name="TTools">The scenario interface.</typeparam>
/// <param name="Id">Stable id, <c>{scenario}/{TaskClass}.{Method}</c>.</param>
/// <param name="Question">The user's question.</param>
/// <param name="Calls">The golden call graph in execution order.</param>
/// <param name="Solve">Runs the task body on the given tools and returns its final answer rendered as text.</param>
/// <exception cref="ArgumentException">The graph is empty or a call depends on one that does not precede it.</exception>
public sealed record TaskDescriptor<TTools>(
    string Id,
    string Question,
    IReadOnlyList<GoldenCallSpec> Calls,
    Func<TTools, string> Solve)
    where TTools : class
{
    /// <summary>The structure of <see cref="Calls"/>, classified once here (<see cref="TaskStructures.Classify"/>).</summary>
    public TaskStructure Structure { get; } = TaskStructures.Classify(Calls);
}
