namespace ToolRL.Generators.Model;

/// <summary>One <c>[Task]</c> method, analysed into its golden call graph.</summary>
/// <param name="ScenarioInterfaceFullName">The scenario interface the task uses (matches <see cref="ScenarioModel.InterfaceFullName"/>).</param>
/// <param name="ContainingTypeName">Simple name of the declaring class (for the id).</param>
/// <param name="MethodName">The method name.</param>
/// <param name="Question">The question text.</param>
/// <param name="Calls">The golden calls in execution order.</param>
/// <param name="ReturnType">The answer's shape.</param>
/// <param name="Invocation">C# expression of a callable target, e.g. <c>global::Travel.TravelTasks.__ToolRL_Task_WeatherInCapital</c>.</param>
/// <param name="Accessor">Where an accessor must be emitted (for private methods), or null when the method is callable directly.</param>
/// <param name="Async">Whether the method returns its answer as a Task or ValueTask of <paramref name="ReturnType"/>.</param>
internal sealed record TaskModel(
    string ScenarioInterfaceFullName,
    string ContainingTypeName,
    string MethodName,
    string Question,
    EquatableArray<CallModel> Calls,
    TypeShape ReturnType,
    string Invocation,
    TaskAccessorModel? Accessor,
    AsyncKind Async = AsyncKind.None);

/// <summary>One golden call: the tool and the indices of earlier calls whose outputs it consumes.</summary>
/// <param name="Index">Position in execution order.</param>
/// <param name="ToolName">The tool's model-facing name.</param>
/// <param name="DependsOn">Earlier calls whose outputs (or properties of them) reach this call's arguments.</param>
/// <param name="SubAnswerMember">The property path the task reads from this call's result, when that is its only use; else null.</param>
/// <param name="SubAnswerShape">The shape at <paramref name="SubAnswerMember"/> (rendered as the sub-answer).</param>
/// <param name="ResultTypeName">The C# type of the call's (awaited) result, for reading the member.</param>
internal sealed record CallModel(
    int Index,
    string ToolName,
    EquatableArray<int> DependsOn,
    string? SubAnswerMember = null,
    TypeShape? SubAnswerShape = null,
    string? ResultTypeName = null);

/// <summary>
/// An accessor to emit into the (partial) class that declares a private task method, so the generated
/// scenario can call it.
/// </summary>
/// <param name="Namespace">The namespace, or empty.</param>
/// <param name="ContainingTypes">Declarations of the enclosing types, outermost first, e.g. <c>static partial class TravelTasks</c>.</param>
/// <param name="AccessorName">The accessor method's name.</param>
/// <param name="MethodName">The private method it forwards to.</param>
/// <param name="ParameterType">Fully qualified scenario interface.</param>
/// <param name="ReturnType">Fully qualified return type as declared.</param>
internal sealed record TaskAccessorModel(
    string Namespace,
    EquatableArray<string> ContainingTypes,
    string AccessorName,
    string MethodName,
    string ParameterType,
    string ReturnType);

/// <summary>The parser's output for one task: a model (null when invalid), its diagnostics, and its golden calls with constant arguments.</summary>
internal sealed record TaskParseResult(TaskModel? Task, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<FactCheckModel> FactChecks = default);

/// <summary>
/// A golden call whose arguments are all compile-time constants, to be checked against the scenario's facts in the
/// diagnostics pipeline (it carries a location, so it stays out of the emit model).
/// </summary>
/// <param name="ScenarioInterfaceFullName">The scenario interface.</param>
/// <param name="TaskName">The task, <c>Class.Method</c>.</param>
/// <param name="CallIndex">The call's index.</param>
/// <param name="ToolName">The tool's model-facing name.</param>
/// <param name="ToolMethodName">The tool method (facts are keyed by it).</param>
/// <param name="Arguments">One per JSON-visible parameter, in declaration order.</param>
/// <param name="Location">The call.</param>
internal sealed record FactCheckModel(
    string ScenarioInterfaceFullName,
    string TaskName,
    int CallIndex,
    string ToolName,
    string ToolMethodName,
    EquatableArray<FactCheckArgument> Arguments,
    LocationInfo? Location);

/// <summary>A constant argument: its JSON text as facts write it, and whether facts compare it ignoring case (strings).</summary>
internal sealed record FactCheckArgument(string Name, string Json, bool IgnoreCase);

/// <summary>The parser's output for one scenario: a model (null when it cannot be emitted) and its diagnostics.</summary>
/// <param name="Scenario">The model, or null when the scenario has errors that stop emission.</param>
/// <param name="Diagnostics">What the parser reports.</param>
/// <param name="FactsFiles">Facts file names the scenario asks for; resolved against AdditionalFiles at emit time.</param>
/// <param name="Location">The interface name's location.</param>
/// <param name="Stub">When the scenario has errors but its interface can be named: what a placeholder class needs.</param>
internal sealed record ScenarioParseResult(ScenarioModel? Scenario, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<FactsFileRequest> FactsFiles, LocationInfo? Location = null, ScenarioStubModel? Stub = null);

/// <summary>
/// A scenario with errors: the generated class is emitted as a placeholder (same name and interface, every member
/// throwing), so code that uses it compiles and the TRL diagnostic is the only error, not a follow-on CS0103.
/// </summary>
internal sealed record ScenarioStubModel(string Namespace, string InterfaceFullName, string BaseName, bool IsPublic, string ScenarioName);

/// <summary>A <c>[FactsFile]</c> the scenario names, with its attribute location for diagnostics.</summary>
internal sealed record FactsFileRequest(string FileName, LocationInfo? Location);
