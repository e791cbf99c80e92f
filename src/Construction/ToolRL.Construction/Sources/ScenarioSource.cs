using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Sources;

/// <summary>
/// A scenario with its type erased: tool documents, signatures, facts, and a factory for invokers bound to a
/// fresh implementation. Everything in ToolRL.Construction works from this.
/// </summary>
public sealed class ScenarioSource
{
    private readonly Func<IToolInvoker> _newInvoker;

    /// <summary>Creates a source from parts (used for hand-built scenarios and tests).</summary>
    public ScenarioSource(
        string name,
        string description,
        IReadOnlyList<ToolDefinition> tools,
        IReadOnlyList<ToolSignature> signatures,
        IReadOnlyList<ToolFact> facts,
        Func<IToolInvoker> newInvoker,
        IReadOnlyList<ObservedCall>? observedCalls = null,
        Func<(IReadOnlyList<EnvironmentTask> Tasks, IReadOnlyList<TaskLoadError> Errors)>? loadAuthoredTasks = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (tools.Count != signatures.Count)
            throw new ArgumentException($"Scenario '{name}' has {tools.Count} tool documents but {signatures.Count} signatures; they must be parallel.", nameof(signatures));
        for (var i = 0; i < tools.Count; i++)
        {
            if (tools[i].Name != signatures[i].Name)
                throw new ArgumentException($"Scenario '{name}': tool document {i} is '{tools[i].Name}' but signature {i} is '{signatures[i].Name}'.", nameof(signatures));
        }
        Name = name;
        Description = description;
        Tools = tools;
        Signatures = signatures;
        Facts = facts;
        _newInvoker = newInvoker;
        ObservedCalls = observedCalls ?? [];
        _authored = new(loadAuthoredTasks ?? (static () => ([], [])));
    }

    private readonly Lazy<(IReadOnlyList<EnvironmentTask> Tasks, IReadOnlyList<TaskLoadError> Errors)> _authored;

    /// <summary>
    /// The scenario's hand-written <c>[Task]</c>s, loaded by their golden runs on first use (an export includes them
    /// beside the composed tasks); the tasks that failed to load are in <see cref="AuthoredTaskErrors"/>.
    /// </summary>
    public IReadOnlyList<EnvironmentTask> AuthoredTasks => _authored.Value.Tasks;

    /// <summary>The hand-written tasks that failed to load, each naming its task.</summary>
    public IReadOnlyList<TaskLoadError> AuthoredTaskErrors => _authored.Value.Errors;

    /// <summary>Calls observed while the scenario's authored tasks ran (their arguments seed the value domains).</summary>
    public IReadOnlyList<ObservedCall> ObservedCalls { get; }

    /// <summary>The scenario name.</summary>
    public string Name { get; }

    /// <summary>The scenario description.</summary>
    public string Description { get; }

    /// <summary>The tool documents the model sees.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>The typed signatures, parallel to <see cref="Tools"/>.</summary>
    public IReadOnlyList<ToolSignature> Signatures { get; }

    /// <summary>The scenario's facts (empty when it has a hand-written implementation).</summary>
    public IReadOnlyList<ToolFact> Facts { get; }

    /// <summary>An invoker over a fresh implementation: no state shared with any other invoker.</summary>
    public IToolInvoker NewInvoker() => _newInvoker();

    /// <summary>The signature of <paramref name="toolName"/>, or null.</summary>
    public ToolSignature? FindSignature(string toolName)
    {
        foreach (var s in Signatures)
        {
            if (s.Name == toolName)
                return s;
        }
        return null;
    }

    /// <summary>
    /// The source of an environment built from a generated scenario (<see cref="ToolEnvironment{TTools}"/>);
    /// fails clearly for other environments, which have no typed signatures to compose from.
    /// </summary>
    public static ScenarioSource FromEnvironment(IToolEnvironment environment) =>
        environment is IScenarioEnvironment typed
            ? typed.Accept(new SourceVisitor())
            : throw new ArgumentException(
                $"Environment '{environment.Name}' is not built from a generated scenario, so tasks cannot be composed for it.",
                nameof(environment));

    private sealed class SourceVisitor : IScenarioVisitor<ScenarioSource>
    {
        public ScenarioSource Visit<TTools>(IScenario<TTools> scenario, Func<TTools> factory) where TTools : class =>
            From(scenario, factory);
    }

    /// <summary>
    /// Wraps a generated (or hand-written) scenario. <paramref name="factory"/> creates a fresh implementation
    /// per invoker; when null, the scenario's facts-based <see cref="IScenario{TTools}.LocalImplementation"/> is used.
    /// </summary>
    public static ScenarioSource From<TTools>(IScenario<TTools> scenario, Func<TTools>? factory = null) where TTools : class
    {
        var create = factory ?? scenario.LocalImplementation
            ?? throw new ArgumentException($"Scenario '{scenario.Name}' has no generated local implementation; pass a factory for its implementation.", nameof(factory));
        return new ScenarioSource(scenario.Name, scenario.Description, scenario.Tools, scenario.Signatures, scenario.Facts,
            () => new ScenarioInvoker<TTools>(scenario, create()), Observe(scenario, create), () => LoadAuthored(scenario, create));
    }

    /// <summary>The authored tasks as an environment loads them: one that fails is an error of its own, the rest load.</summary>
    private static (IReadOnlyList<EnvironmentTask>, IReadOnlyList<TaskLoadError>) LoadAuthored<TTools>(IScenario<TTools> scenario, Func<TTools> create)
        where TTools : class
    {
        try
        {
            return (new ToolEnvironment<TTools>(scenario, create).Tasks, []);
        }
        catch (TaskLoadException e)
        {
            return (e.LoadedTasks, e.Errors);
        }
    }

    /// <summary>Runs every authored task once through the recording proxy on a fresh implementation; a task that throws is skipped.</summary>
    private static List<ObservedCall> Observe<TTools>(IScenario<TTools> scenario, Func<TTools> create) where TTools : class
    {
        var observed = new List<ObservedCall>();
        for (var t = 0; t < scenario.Tasks.Count; t++)
        {
            var task = scenario.Tasks[t];
            var recorder = new GoldenRecorder();
            try
            {
                task.Solve(scenario.CreateRecorder(create(), recorder));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                continue;
            }
            var aligned = recorder.Calls.Count == task.Calls.Count;
            for (var i = 0; i < recorder.Calls.Count; i++)
            {
                var c = recorder.Calls[i];
                observed.Add(new ObservedCall(t, i, c.ToolName, c.ArgumentsJson, c.Output, aligned ? task.Calls[i].DependsOn : []));
            }
        }
        return observed;
    }

    private sealed class ScenarioInvoker<TTools> : IToolInvoker where TTools : class
    {
        private readonly ToolDispatcher _dispatch;

        public ScenarioInvoker(IScenario<TTools> scenario, TTools tools) =>
            _dispatch = (name, arguments, token) => scenario.Invoke(tools, name, arguments, token);

        // The sessions' exception mapping (missing record, a tool's exception), so composition sees what a model would.
        public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default) =>
            ToolSessionFactory.Invoke(_dispatch, toolName, arguments, cancellationToken);
    }
}
