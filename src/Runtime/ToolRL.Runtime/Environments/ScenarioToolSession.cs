using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// A session of a <see cref="ToolEnvironment{TTools}"/>: it calls the generated scenario's dispatcher on its own tools
/// directly, so opening one allocates the session alone (no dispatcher closure and delegate per session).
/// </summary>
internal sealed class ScenarioToolSession<TTools>(ToolSessionFactory factory, IScenario<TTools> scenario, TTools tools)
    : ToolSession(factory, tools as IDisposable)
    where TTools : class
{
    protected override ToolResult Dispatch(string toolName, JsonElement arguments, CancellationToken cancellationToken) =>
        scenario.Invoke(tools, toolName, arguments, cancellationToken);
}
