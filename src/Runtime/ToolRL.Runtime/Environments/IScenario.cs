using System.Text.Json;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// What the generator emits for each <see cref="ScenarioAttribute"/> interface (as <c>{Name}Scenario</c>):
/// the tool documents, a reflection-free dispatcher, a recording proxy for golden runs, the scenario's
/// tasks and, for facts-only scenarios, a local implementation.
/// </summary>
/// <typeparam name="TTools">The scenario interface.</typeparam>
public interface IScenario<TTools> where TTools : class
{
    /// <summary>The scenario name from <see cref="ScenarioAttribute"/>.</summary>
    string Name { get; }

    /// <summary>The interface's summary doc comment.</summary>
    string Description { get; }

    /// <summary>One OpenAI function schema per tool, in declaration order.</summary>
    IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>The tools' typed signatures, parallel to <see cref="Tools"/>.</summary>
    IReadOnlyList<ToolSignature> Signatures { get; }

    /// <summary>The facts of a facts-only scenario (attributes and facts files); empty otherwise.</summary>
    IReadOnlyList<ToolFact> Facts { get; }

    /// <summary>A Markdown page documenting the scenario's tools.</summary>
    string Markdown { get; }

    /// <summary>The tasks declared for this scenario with <see cref="TaskAttribute"/>.</summary>
    IReadOnlyList<TaskDescriptor<TTools>> Tasks { get; }

    /// <summary>
    /// Executes one call: validates <paramref name="arguments"/> against the tool's parameters, calls
    /// <paramref name="tools"/> and renders the result (strings as-is, everything else as compact JSON).
    /// Never throws for bad input: an unknown tool or bad arguments give a failed <see cref="ToolResult"/>.
    /// Exceptions thrown by the tool itself propagate; the environment turns them into feedback.
    /// </summary>
    ToolResult Invoke(TTools tools, string toolName, JsonElement arguments, CancellationToken cancellationToken);

    /// <summary>Wraps <paramref name="inner"/> in a proxy that records each call (name, JSON arguments, output).</summary>
    TTools CreateRecorder(TTools inner, GoldenRecorder recorder);

    /// <summary>A factory for the implementation generated from facts, or null when the author wrote one.</summary>
    Func<TTools>? LocalImplementation { get; }
}
