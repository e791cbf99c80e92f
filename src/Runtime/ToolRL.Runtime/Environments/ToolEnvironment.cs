using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// An <see cref="IToolEnvironment"/> over a generated <see cref="IScenario{TTools}"/>: tasks with gold answers
/// from golden runs (loaded lazily, once), and sessions that each get a fresh tools implementation.
/// </summary>
/// <typeparam name="TTools">The scenario interface.</typeparam>
public sealed class ToolEnvironment<TTools> : IScenarioEnvironment where TTools : class
{
    private readonly Lazy<(IReadOnlyList<EnvironmentTask> Tasks, IReadOnlyList<TaskLoadError> Errors)> _tasks;
    private readonly ToolSessionFactory _sessions;

    /// <summary>Creates the environment.</summary>
    /// <param name="scenario">The generated scenario.</param>
    /// <param name="factory">Creates a fresh implementation (one per session and per golden run); when null, the
    /// scenario's <see cref="IScenario{TTools}.LocalImplementation"/> is used.</param>
    /// <param name="options">Call limits; <see cref="ToolEnvironmentOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">No factory was given and the scenario has no local implementation.</exception>
    public ToolEnvironment(IScenario<TTools> scenario, Func<TTools>? factory = null, ToolEnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        Factory = factory ?? scenario.LocalImplementation ?? throw new ArgumentException(
            $"Scenario '{scenario.Name}' has no generated local implementation; pass a factory that creates its tools.",
            nameof(factory));
        _sessions = new ToolSessionFactory(scenario.Name, scenario.Tools, options);
        _tasks = new Lazy<(IReadOnlyList<EnvironmentTask>, IReadOnlyList<TaskLoadError>)>(
            () => GoldenTaskLoader.Load(Scenario, Factory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The scenario this environment serves.</summary>
    public IScenario<TTools> Scenario { get; }

    /// <summary>Creates a fresh tools implementation.</summary>
    public Func<TTools> Factory { get; }

    /// <summary>The call limits.</summary>
    public ToolEnvironmentOptions Options => _sessions.Options;

    /// <inheritdoc />
    public string Name => Scenario.Name;

    /// <inheritdoc />
    public string Description => Scenario.Description;

    /// <inheritdoc />
    public IReadOnlyList<ToolDefinition> Tools => Scenario.Tools;

    /// <inheritdoc />
    /// <exception cref="TaskLoadException">Some task's golden run failed or did not match its call graph: every such
    /// task is named, and the tasks that loaded are in <see cref="TaskLoadException.LoadedTasks"/>.</exception>
    public IReadOnlyList<EnvironmentTask> Tasks
    {
        get
        {
            var (tasks, errors) = _tasks.Value;
            return errors.Count == 0 ? tasks : throw new TaskLoadException(Name, tasks, errors);
        }
    }

    /// <summary>True when the scenario has a tool of that name.</summary>
    public bool HasTool(string name) => _sessions.HasTool(name);

    /// <inheritdoc />
    public IToolSession OpenSession()
    {
        var tools = Factory() ?? throw new InvalidOperationException($"The tools factory of scenario '{Name}' returned null.");
        return new ScenarioToolSession<TTools>(_sessions, Scenario, tools);
    }

    /// <inheritdoc />
    public TResult Accept<TResult>(IScenarioVisitor<TResult> visitor) => visitor.Visit(Scenario, Factory);
}
