using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// A tool-use environment independent of its scenario type: what policies, rollouts and exporters use.
/// </summary>
public interface IToolEnvironment
{
    /// <summary>The environment's name (the scenario name, plus a variant suffix for scaled variants).</summary>
    string Name { get; }

    /// <summary>A one-line description.</summary>
    string Description { get; }

    /// <summary>The tools offered to the model.</summary>
    IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>The tasks with gold answers, from executing every task's golden calls.</summary>
    IReadOnlyList<EnvironmentTask> Tasks { get; }

    /// <summary>Opens a session with fresh tool state (one per episode).</summary>
    IToolSession OpenSession();
}

/// <summary>One episode's tool state. Calls are bounded by the environment's timeout.</summary>
public interface IToolSession : IDisposable
{
    /// <summary>Executes a call; never throws for bad model output, a failing tool or a timeout.</summary>
    ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default);
}
