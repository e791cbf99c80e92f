using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Construction.Sources;

/// <summary>Helpers for invoking with arguments held as JSON text.</summary>
public static class ToolInvokers
{
    /// <summary>Parses <paramref name="argumentsJson"/> and invokes; invalid JSON gives the reference error feedback.</summary>
    public static ToolResult Invoke(this IToolInvoker invoker, string toolName, string argumentsJson, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(argumentsJson, Json.DocumentOptions);
        }
        catch (JsonException e)
        {
            return ToolFeedback.ArgumentsNotJson(toolName, e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ToolFeedback.ArgumentsNotJson(toolName, $"got {Json.Describe(document.RootElement.ValueKind)}");
            return invoker.Invoke(toolName, document.RootElement, cancellationToken);
        }
    }
}
