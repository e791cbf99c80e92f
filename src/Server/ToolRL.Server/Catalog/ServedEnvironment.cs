using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Server.Catalog;

/// <summary>
/// One environment as the server offers it: its tools, its tasks by id and by split, and where its sessions run
/// (<see cref="Sessions"/>: the environment itself in process, or its worker-backed stand-in).
/// </summary>
/// <remarks>The splits are the project's one rule (<see cref="TaskSplit"/>, default seed and fraction):
/// <c>test</c> is exactly what <c>train</c>, <c>sft</c> and <c>eval --held-out</c> hold out, <c>train</c> the rest.</remarks>
internal sealed class ServedEnvironment
{
    /// <summary>The ORS name of the tasks trained on.</summary>
    public const string TrainSplit = "train";

    /// <summary>The ORS name of the held-out tasks.</summary>
    public const string TestSplit = "test";

    private static readonly TaskSplit Rule = new();
    private readonly Dictionary<string, EnvironmentTask> _byId;
    // Each task's start state, built once: /v1/score items name a task and would otherwise regroup its sub-questions.
    private readonly Dictionary<EnvironmentTask, RecordedState> _starts;

    public ServedEnvironment(IToolEnvironment definition, IToolEnvironment sessions)
    {
        Definition = definition;
        Sessions = sessions;
        // Golden runs happen here, once, at startup: a task that fails to load stops the server with its name.
        Tasks = definition.Tasks;
        _byId = new Dictionary<string, EnvironmentTask>(StringComparer.Ordinal);
        _starts = new Dictionary<EnvironmentTask, RecordedState>(ReferenceEqualityComparer.Instance);
        foreach (var task in Tasks)
        {
            _byId[task.Id] = task;
            _starts[task] = RecordedState.Start(task);
        }
        var (train, test) = Rule.Partition(Tasks, t => t.Question);
        Train = train;
        Test = test;
    }

    public string Name => Definition.Name;

    /// <summary>The environment as the project declares it (tools, tasks).</summary>
    public IToolEnvironment Definition { get; }

    /// <summary>Where sessions are opened: in process, or in a supervised worker.</summary>
    public IToolEnvironment Sessions { get; }

    public IReadOnlyList<ToolDefinition> Tools => Definition.Tools;

    public IReadOnlyList<EnvironmentTask> Tasks { get; }

    public IReadOnlyList<EnvironmentTask> Train { get; }

    public IReadOnlyList<EnvironmentTask> Test { get; }

    public EnvironmentTask? FindTask(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The state at the start of <paramref name="task"/>, one of this environment's (shared: it is immutable).</summary>
    public RecordedState StartOf(EnvironmentTask task) => _starts.TryGetValue(task, out var start) ? start : RecordedState.Start(task);

    /// <summary>The name of the split <paramref name="task"/> is in.</summary>
    public static string SplitOf(EnvironmentTask task) => Rule.IsHeldOut(task) ? TestSplit : TrainSplit;

    /// <summary>The tasks of <paramref name="split"/>; 400 for an unknown split name.</summary>
    public IReadOnlyList<EnvironmentTask> Split(string split) => split switch
    {
        TrainSplit => Train,
        TestSplit => Test,
        _ => throw Hosting.ApiException.BadRequest($"unknown split '{split}' of environment '{Name}'; the splits are 'train' and 'test'"),
    };
}
