namespace ToolRL.Generators.Model;

/// <summary>Everything the emitter needs about one <c>[Scenario]</c> interface.</summary>
/// <param name="Namespace">The interface's namespace, or empty for the global namespace.</param>
/// <param name="InterfaceName">The interface's simple name, e.g. <c>ITravel</c>.</param>
/// <param name="InterfaceFullName">Fully qualified, e.g. <c>global::Travel.ITravel</c>.</param>
/// <param name="BaseName">The name without the leading <c>I</c>, e.g. <c>Travel</c> (gives TravelScenario, TravelFacts).</param>
/// <param name="IsPublic">Whether the interface is public (the generated classes match its accessibility).</param>
/// <param name="ScenarioName">The name from the attribute.</param>
/// <param name="Description">The interface's summary.</param>
/// <param name="Tools">The tools in declaration order.</param>
/// <param name="Facts">Facts from attributes and facts files; empty when none.</param>
/// <param name="HasFacts">True when the scenario declares facts (attributes or files): a local implementation is emitted.</param>
internal sealed record ScenarioModel(
    string Namespace,
    string InterfaceName,
    string InterfaceFullName,
    string BaseName,
    bool IsPublic,
    string ScenarioName,
    string Description,
    EquatableArray<ToolModel> Tools,
    EquatableArray<FactModel> Facts,
    bool HasFacts);

/// <summary>One <c>[Tool]</c> method.</summary>
/// <param name="Name">Model-facing name.</param>
/// <param name="MethodName">The C# method name.</param>
/// <param name="Phrase">The phrase template, or null.</param>
/// <param name="Description">From the summary.</param>
/// <param name="Parameters">JSON-visible parameters in declaration order.</param>
/// <param name="ReturnType">The return shape.</param>
/// <param name="CancellationTokenIndex">Position of a CancellationToken parameter in the C# signature, or -1.</param>
/// <param name="ReturnDescription">From the <c>&lt;returns&gt;</c> doc, may be empty.</param>
/// <param name="Async">Whether the method returns <see cref="ReturnType"/> as a Task or ValueTask of it.</param>
internal sealed record ToolModel(
    string Name,
    string MethodName,
    string? Phrase,
    string Description,
    EquatableArray<ParameterModel> Parameters,
    TypeShape ReturnType,
    int CancellationTokenIndex,
    string ReturnDescription,
    AsyncKind Async = AsyncKind.None)
{
    /// <summary>The C# return type as declared: T, or Task&lt;T&gt; / ValueTask&lt;T&gt;.</summary>
    public string DeclaredReturnType => Async switch
    {
        AsyncKind.Task => $"global::System.Threading.Tasks.Task<{ReturnType.DeclaredName}>",
        AsyncKind.ValueTask => $"global::System.Threading.Tasks.ValueTask<{ReturnType.DeclaredName}>",
        _ => ReturnType.DeclaredName,
    };
}

/// <summary>One JSON-visible tool parameter.</summary>
/// <param name="Name">C# name = JSON argument name.</param>
/// <param name="Type">Its shape.</param>
/// <param name="Description">From the <c>&lt;param&gt;</c> doc.</param>
/// <param name="Required">False when nullable or defaulted.</param>
/// <param name="DefaultLiteral">C# expression of the default value, or null when the parameter has none.</param>
/// <param name="DefaultJson">JSON text of the default value, or null.</param>
internal sealed record ParameterModel(
    string Name,
    TypeShape Type,
    string Description,
    bool Required,
    string? DefaultLiteral,
    string? DefaultJson);

/// <summary>One fact: the tool returns <see cref="Result"/> for <see cref="Arguments"/> (parallel to the tool's parameters).</summary>
/// <param name="MethodName">The tool method's C# name.</param>
/// <param name="Arguments">One value per JSON-visible parameter.</param>
/// <param name="Result">The value the tool returns.</param>
internal sealed record FactModel(string MethodName, EquatableArray<FactValue> Arguments, FactValue Result);

/// <summary>
/// A fact value checked against its target type at compile time: <see cref="CSharp"/> constructs it,
/// <see cref="Json"/> is its JSON form (for the fact's arguments JSON).
/// </summary>
internal sealed record FactValue(string CSharp, string Json);

/// <summary>How a tool returns its result: directly, or as a <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c> of it.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
}
