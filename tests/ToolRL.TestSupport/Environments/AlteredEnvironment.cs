using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Testing;

/// <summary>An environment as another version of it would be: the same name and sessions, other tools or tasks.</summary>
public sealed class AlteredEnvironment(IToolEnvironment inner, IReadOnlyList<ToolDefinition>? tools = null, IReadOnlyList<EnvironmentTask>? tasks = null) : IToolEnvironment
{
    public string Name => inner.Name;
    public string Description => inner.Description;
    public IReadOnlyList<ToolDefinition> Tools { get; } = tools ?? inner.Tools;
    public IReadOnlyList<EnvironmentTask> Tasks { get; } = tasks ?? inner.Tasks;
    public IToolSession OpenSession() => inner.OpenSession();

    /// <summary>The environment with its first tool's description reworded.</summary>
    public static AlteredEnvironment WithRewordedTool(IToolEnvironment inner) =>
        new(inner, [inner.Tools[0] with { Description = inner.Tools[0].Description + " (reworded)" }, .. inner.Tools.Skip(1)]);
}
