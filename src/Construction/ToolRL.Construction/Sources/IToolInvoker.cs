using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Construction.Sources;

/// <summary>
/// Executes tool calls against one tools instance (one episode's state). Construction stages wrap invokers
/// to integrate, generalize or extend toolsets without knowing the scenario's interface type. Environments run them
/// through the Runtime's <see cref="ToolRL.Environments.ToolSessionFactory"/>, which validates calls and applies the
/// timeout and size limits; an invoker only dispatches.
/// </summary>
public interface IToolInvoker
{
    /// <summary>Executes <paramref name="toolName"/> with JSON <paramref name="arguments"/>; bad input gives a failed result.</summary>
    /// <param name="toolName">The tool to call.</param>
    /// <param name="arguments">The arguments, a JSON object.</param>
    /// <param name="cancellationToken">Cancelled when a session's call times out; passed on to the tools.</param>
    ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default);
}
