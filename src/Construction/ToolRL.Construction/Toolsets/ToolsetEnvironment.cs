using ToolRL.Construction.Sources;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Toolsets;

/// <summary>
/// A constructed environment: a (possibly integrated or scaled) toolset with tasks whose golden calls were
/// rewritten for it. Sessions execute synchronously on a fresh invoker and turn a tool's exception into the
/// reference error feedback; per-call timeouts are the Runtime environment's job and are not applied here.
/// </summary>
public sealed class ToolsetEnvironment : IToolEnvironment
{
    private readonly Toolset _toolset;

    /// <summary>Wraps <paramref name="toolset"/>; each task is rewritten with <see cref="Toolset.Rewrite(EnvironmentTask)"/>.</summary>
    public ToolsetEnvironment(Toolset toolset, IEnumerable<EnvironmentTask> tasks, string? description = null)
    {
        _toolset = toolset;
        Tasks = tasks.Select(toolset.Rewrite).ToArray();
        Description = description ?? $"Constructed environment '{toolset.Name}'.";
    }

    /// <inheritdoc />
    public string Name => _toolset.Name;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<ToolDefinition> Tools => _toolset.Tools;

    /// <inheritdoc />
    public IReadOnlyList<EnvironmentTask> Tasks { get; }

    /// <inheritdoc />
    public IToolSession OpenSession() => new Session(_toolset.NewInvoker());

    private sealed class Session(IToolInvoker invoker) : IToolSession
    {
        public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested)
                return ValueTask.FromResult(ToolFeedback.Cancelled(call.Name));
            try
            {
                return ValueTask.FromResult(invoker.Invoke(call.Name, call.ArgumentsJson));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return ValueTask.FromResult(ToolFeedback.Exception(call.Name, e));
            }
        }

        public void Dispose()
        {
        }
    }
}
