using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Toolsets;

/// <summary>
/// A constructed environment: a (possibly integrated or scaled) toolset with tasks whose golden calls were
/// rewritten for it. Sessions run on a fresh invoker through the Runtime's <see cref="ToolSessionFactory"/>, so a
/// scaled variant gets the same validation, timeout, scheduler cap, output limit and feedback text as a generated
/// environment.
/// </summary>
public sealed class ToolsetEnvironment : IToolEnvironment
{
    private readonly Toolset _toolset;
    private readonly ToolSessionFactory _sessions;

    /// <summary>Wraps <paramref name="toolset"/>; each task is rewritten with <see cref="Toolset.Rewrite(EnvironmentTask)"/>.</summary>
    /// <param name="toolset">The tools and how their calls run.</param>
    /// <param name="tasks">Tasks of the toolset's scenario.</param>
    /// <param name="description">A one-line description; a generic one when null.</param>
    /// <param name="options">Call limits; <see cref="ToolEnvironmentOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A limit in <paramref name="options"/> is not positive.</exception>
    public ToolsetEnvironment(Toolset toolset, IEnumerable<EnvironmentTask> tasks, string? description = null, ToolEnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(toolset);
        ArgumentNullException.ThrowIfNull(tasks);
        _toolset = toolset;
        _sessions = new ToolSessionFactory(toolset.Name, toolset.Tools, options);
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

    /// <summary>The call limits.</summary>
    public ToolEnvironmentOptions Options => _sessions.Options;

    /// <inheritdoc />
    public IToolSession OpenSession()
    {
        var invoker = _toolset.NewInvoker();
        return _sessions.Open(invoker.Invoke, invoker as IDisposable);
    }
}
