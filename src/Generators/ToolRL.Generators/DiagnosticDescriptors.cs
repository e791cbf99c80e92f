using Microsoft.CodeAnalysis;

namespace ToolRL.Generators;

/// <summary>
/// Every diagnostic the ToolRL generator reports. Ids TRL001–TRL099 belong to the scenario generator;
/// TRL100–TRL199 are reserved for the construction analyzers.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ToolRL";

    /// <summary>The generator README's diagnostics table; each id has an anchor there (<c>#trl001</c>).</summary>
    public const string HelpLinkBase = "https://github.com/toolrl/ToolRL.Sdk/blob/main/src/Generators/ToolRL.Generators/README.md";

    private static string HelpLink(string id) => HelpLinkBase + "#" + id.ToLowerInvariant();

    // Scenario and tool declarations (TRL001–TRL019). A tool is named as the model sees it and as declared:
    // "'get_office' (method GetOffice)", see Naming.ToolDisplay.

    public static readonly DiagnosticDescriptor ToolWithoutDescription = new(
        "TRL001", "Tool has no description",
        "Tool {0} has no description: add a /// <summary> doc comment saying what the tool returns; it is the text the model reads to choose the tool",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL001"));

    public static readonly DiagnosticDescriptor ScenarioWithoutDescription = new(
        "TRL002", "Scenario has no description",
        "Scenario interface '{0}' has no description: add a /// <summary> doc comment (it becomes the scenario's Description)",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL002"));

    public static readonly DiagnosticDescriptor DuplicateToolName = new(
        "TRL003", "Duplicate tool name",
        "Tool name '{0}' is used by both '{1}' and '{2}': tool names must be unique within a scenario (set [Tool(Name = \"...\")] on one of them)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL003"));

    public static readonly DiagnosticDescriptor InvalidToolName = new(
        "TRL004", "Invalid tool name",
        "Tool name '{0}' is invalid: use 1 to 64 characters from a-z, A-Z, 0-9, '_' and '-' (the OpenAI function-name rule)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL004"));

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "TRL005", "Unsupported parameter type",
        "Parameter '{0}' of tool {1} has type '{2}', which cannot be read from JSON arguments: {3}. Supported: string, bool, integers, float/double/decimal, enums, DateOnly, DateTime, arrays and lists of these, records and classes built from these (and their nullable forms).",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL005"));

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "TRL006", "Unsupported return type",
        "Tool {0} returns '{1}', which cannot be rendered as tool output: {2}. Return a string, a number, bool, enum, DateOnly, DateTime, an array or list, or a record or class built from these.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL006"));

    public static readonly DiagnosticDescriptor UnsupportedToolSignature = new(
        "TRL007", "Unsupported tool method signature",
        "Tool {0} cannot be dispatched: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL007"));

    public static readonly DiagnosticDescriptor ScenarioWithoutTools = new(
        "TRL008", "Scenario has no tools",
        "Scenario interface '{0}' declares no [Tool] methods: a scenario needs at least one tool",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL008"));

    public static readonly DiagnosticDescriptor ParameterWithoutDescription = new(
        "TRL009", "Tool parameter has no description",
        "Parameter '{0}' of tool {1} has no <param name=\"{0}\"> doc comment: the model sees an empty description",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL009"));

    public static readonly DiagnosticDescriptor PhraseNamesUnknownParameter = new(
        "TRL010", "Phrase names an unknown parameter",
        "The phrase of tool {0} names '{{{1}}}', but the tool has no parameter '{1}' (its parameters: {2})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL010"));

    public static readonly DiagnosticDescriptor InvalidScenarioName = new(
        "TRL011", "Invalid scenario name",
        "Scenario name '{0}' is invalid: use 1 to 64 characters from a-z, A-Z, 0-9, '_', '-' and '.' (it appears in task ids and file names)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL011"));

    public static readonly DiagnosticDescriptor UnsupportedScenarioMember = new(
        "TRL012", "Unsupported scenario member",
        "Scenario interface '{0}' may only declare [Tool] methods, but '{1}' is {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL012"));

    public static readonly DiagnosticDescriptor UnsupportedScenarioInterface = new(
        "TRL013", "Unsupported scenario interface",
        "Scenario interface '{0}' cannot be generated: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL013"));

    public static readonly DiagnosticDescriptor DuplicateScenarioName = new(
        "TRL014", "Duplicate scenario name",
        "Scenario name '{0}' is used by both '{1}' and '{2}': scenario names identify environments and prefix task ids, so they must be unique",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL014"));

    // Tasks (TRL020–TRL029)

    public static readonly DiagnosticDescriptor InvalidTaskSignature = new(
        "TRL020", "Invalid task method signature",
        "Task method '{0}' has an invalid signature: {1}. A task is a static, non-generic method with exactly one parameter of a [Scenario] interface type that returns the answer (not void), or a Task<T>/ValueTask<T> of it.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL020"));

    public static readonly DiagnosticDescriptor TaskBodyNotComposition = new(
        "TRL021", "Task body is not a composition of tool calls",
        "Task '{0}': {1} is not allowed here. A task body is an expression, or a block of 'var x = ...;' locals, tool-call statements and one final 'return ...;', built only from tool calls on the scenario parameter, literals (optionally negated or cast), enum members, constants, 'new DateOnly(...)'/'new(...)' and other object creations, arrays, collection expressions, tuples, locals holding earlier results, and properties of a tool's record result (d.Cancel(d.Book(...).BookingId)). Loops, conditions, other member access and other method calls are not allowed.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL021"));

    public static readonly DiagnosticDescriptor TaskCallsForeignTools = new(
        "TRL022", "Task calls tools of another scenario",
        "Task '{0}' calls '{1}' on something other than its scenario parameter '{2}': a task composes the tools of exactly one scenario",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL022"));

    public static readonly DiagnosticDescriptor TaskClassNotPartial = new(
        "TRL023", "Private task in a non-partial class",
        "Task method '{0}' is private, so the generator must add an accessor to '{1}': declare '{1}' (and every type containing it) 'partial', or make the method internal",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL023"));

    public static readonly DiagnosticDescriptor TaskWithoutToolCalls = new(
        "TRL024", "Task makes no tool calls",
        "Task '{0}' makes no tool calls: its answer must come from at least one call to a scenario tool",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL024"));

    public static readonly DiagnosticDescriptor UnsupportedTaskAnswerType = new(
        "TRL025", "Unsupported task answer type",
        "Task '{0}' returns '{1}', which cannot be rendered as an answer: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL025"));

    public static readonly DiagnosticDescriptor TaskForScenarioInOtherAssembly = new(
        "TRL026", "Task for a scenario of another assembly",
        "Task '{0}' uses scenario '{1}', which is declared in another assembly: its Scenario class is generated there, so this task is not collected; declare tasks next to their scenario",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL026"));

    // Facts (TRL030–TRL039)

    public static readonly DiagnosticDescriptor FactForUnknownTool = new(
        "TRL030", "Fact names an unknown tool",
        "A fact names '{0}', but scenario '{1}' has no [Tool] method of that name (tools: {2})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL030"));

    public static readonly DiagnosticDescriptor FactArgumentCountMismatch = new(
        "TRL031", "Fact argument count mismatch",
        "A fact for '{0}' gives {1} argument(s), but the tool takes {2} ({3})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL031"));

    public static readonly DiagnosticDescriptor FactValueTypeMismatch = new(
        "TRL032", "Fact value type mismatch",
        "A fact for '{0}' gives {1} = {2}, which is not a valid '{3}': {4}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL032"));

    public static readonly DiagnosticDescriptor FactsFileMissing = new(
        "TRL033", "Facts file not found",
        "Facts file '{0}' is not among the compilation's AdditionalFiles: add <AdditionalFiles Include=\"path/to/{0}\" /> to the project",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL033"));

    public static readonly DiagnosticDescriptor FactsFileInvalid = new(
        "TRL034", "Facts file is invalid",
        "Facts file '{0}' is invalid: {1}. Expected {{ \"ToolMethodName\": [ {{ \"args\": {{ \"param\": value }}, \"result\": value }} ] }}.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL034"));

    public static readonly DiagnosticDescriptor ShadowedFact = new(
        "TRL035", "Fact can never be returned",
        "Two facts for '{0}' match the same calls, {1} and {2}: string arguments are compared ignoring case, so the second is never returned; remove one or make their arguments differ",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL035"));

    public static readonly DiagnosticDescriptor GoldenCallWithoutFact = new(
        "TRL036", "Golden call matches no fact",
        "Task '{0}': its golden call {1}, {2}, matches no fact of scenario '{3}', so the facts implementation answers \"No record found\" and the task cannot load; add a fact for these arguments or change the task",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TRL036"));
}
