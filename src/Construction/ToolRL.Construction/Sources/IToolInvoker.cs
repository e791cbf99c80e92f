using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Construction.Sources;

/// <summary>
/// Executes tool calls against one tools instance (one episode's state). Construction stages wrap invokers
/// to integrate, generalize or extend toolsets without knowing the scenario's interface type.
/// </summary>
public interface IToolInvoker
{
    /// <summary>Executes <paramref name="toolName"/> with JSON <paramref name="arguments"/>; bad input gives a failed result.</summary>
    ToolResult Invoke(string toolName, JsonElement arguments);
}
