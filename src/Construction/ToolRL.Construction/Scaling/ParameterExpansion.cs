using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Tools;

namespace ToolRL.Construction.Scaling;

/// <summary>
/// Parameter expansion: every tool gets two extra optional parameters (seeded choice from a catalogue) with
/// documented defaults. The dispatcher checks their types and drops them, so the answer is unchanged; golden
/// calls are rewritten to pass the defaults explicitly.
/// </summary>
public static class ParameterExpansion
{
    /// <summary>Applies the strategy.</summary>
    public static Toolset Apply(Toolset toolset, Random random)
    {
        var extras = new Dictionary<string, ExpansionParameters.Extra[]>(StringComparer.Ordinal);
        var tools = new List<ToolDefinition>();
        var signatures = new List<ToolSignature>();
        for (var i = 0; i < toolset.Tools.Count; i++)
        {
            var (tool, signature) = (toolset.Tools[i], toolset.Signatures[i]);
            var chosen = ExpansionParameters.Catalogue
                .Where(e => signature.Parameters.All(p => p.Name != e.Name))
                .OrderBy(_ => random.Next()).Take(2).ToArray();
            extras[tool.Name] = chosen;
            var schema = JsonNode.Parse(tool.ParametersSchema)!.AsObject();
            var properties = schema["properties"] as JsonObject ?? new JsonObject();
            schema["properties"] = properties;
            foreach (var e in chosen)
            {
                properties[e.Name] = new JsonObject
                {
                    ["type"] = e.JsonType,
                    ["description"] = e.Description,
                    ["default"] = JsonNode.Parse(e.DefaultJson),
                };
            }
            tools.Add(tool with { ParametersSchema = schema.ToJsonString() });
            signatures.Add(signature with
            {
                Parameters = signature.Parameters.Concat(chosen.Select(e => new ToolParameter(e.Name, e.JsonType, e.JsonType, false, e.Description, null, e.DefaultJson))).ToArray(),
            });
        }
        return toolset.Derive("expanded", tools, signatures, inner => new ExpandedInvoker(inner, extras), q =>
            extras.TryGetValue(q.ToolName, out var chosen) && chosen.Length > 0
                ? q with { ArgumentsJson = AddDefaults(q.ArgumentsJson, chosen) }
                : q);
    }

    private static string AddDefaults(string argumentsJson, ExpansionParameters.Extra[] chosen)
    {
        using var doc = JsonArguments.Parse(argumentsJson);
        return JsonArguments.Rewrite(doc.RootElement, null, chosen.Select(e => (e.Name, e.DefaultJson)));
    }

    private sealed class ExpandedInvoker(IToolInvoker inner, Dictionary<string, ExpansionParameters.Extra[]> extras) : IToolInvoker
    {
        public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
        {
            if (!extras.TryGetValue(toolName, out var chosen) || chosen.Length == 0)
                return inner.Invoke(toolName, arguments, cancellationToken);
            var present = false;
            foreach (var e in chosen)
            {
                if (!arguments.TryGetProperty(e.Name, out var value))
                    continue;
                present = true;
                var ok = e.JsonType switch
                {
                    "string" => value.ValueKind == JsonValueKind.String,
                    "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                    "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    _ => true,
                };
                if (!ok)
                    return ToolFeedback.InvalidArgument(toolName, e.Name, e.JsonType == "integer" ? "an integer" : "a " + e.JsonType);
            }
            if (!present)
                return inner.Invoke(toolName, arguments, cancellationToken);
            using var doc = JsonArguments.Parse(JsonArguments.Rewrite(arguments, n => chosen.Any(e => e.Name == n)));
            return inner.Invoke(toolName, doc.RootElement, cancellationToken);
        }
    }
}
