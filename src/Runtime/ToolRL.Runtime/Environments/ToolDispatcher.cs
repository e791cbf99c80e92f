using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// Runs one validated call on one session's tool state: a generated scenario's dispatcher over its implementation, or
/// a constructed toolset's invoker. It may throw; <see cref="ToolSessionFactory"/> turns exceptions into feedback.
/// </summary>
/// <param name="toolName">A tool the environment offers.</param>
/// <param name="arguments">The arguments, a JSON object.</param>
/// <param name="cancellationToken">Cancelled when the call times out or the caller gives up; a cooperative tool stops.</param>
public delegate ToolResult ToolDispatcher(string toolName, JsonElement arguments, CancellationToken cancellationToken);
