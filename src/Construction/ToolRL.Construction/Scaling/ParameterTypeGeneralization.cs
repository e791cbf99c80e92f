using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Tools;

namespace ToolRL.Construction.Scaling;

/// <summary>
/// Parameter-type generalization: a required string or integer parameter of some tools (seeded; at least one
/// tool) also accepts a non-empty list. A list gives one result per element, one line each
/// (<c>element: output</c>), so every element's output is still found by the answer check. Golden calls are
/// rewritten to pass a one-element list.
/// </summary>
public static class ParameterTypeGeneralization
{
    /// <summary>Applies the strategy.</summary>
    public static Toolset Apply(Toolset toolset, Random random)
    {
        var generalized = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = new List<(int Index, ToolParameter Parameter)>();
        for (var i = 0; i < toolset.Tools.Count; i++)
        {
            var scalars = toolset.Signatures[i].Parameters
                .Where(p => p.Required && p.Name != MergedTool.OperationParameter && p.EnumValues is null && p.JsonType is "string" or "integer")
                .ToList();
            if (scalars.Count > 0)
                candidates.Add((i, scalars[random.Next(scalars.Count)]));
        }
        var chosen = candidates.Where(_ => random.Next(2) == 0).ToList();
        if (chosen.Count == 0 && candidates.Count > 0)
            chosen.Add(candidates[random.Next(candidates.Count)]);

        var tools = toolset.Tools.ToArray();
        var signatures = toolset.Signatures.ToArray();
        foreach (var (i, parameter) in chosen)
        {
            generalized[tools[i].Name] = parameter.Name;
            var schema = JsonNode.Parse(tools[i].ParametersSchema)!.AsObject();
            var properties = schema["properties"]!.AsObject();
            var scalar = properties[parameter.Name]?.DeepClone() ?? new JsonObject { ["type"] = parameter.JsonType };
            properties[parameter.Name] = new JsonObject
            {
                ["anyOf"] = new JsonArray(scalar, new JsonObject { ["type"] = "array", ["items"] = scalar.DeepClone(), ["minItems"] = 1 }),
                ["description"] = (parameter.Description + " A list of values gives one result per value, one line each (value: result).").Trim(),
            };
            tools[i] = tools[i] with { ParametersSchema = schema.ToJsonString() };
            signatures[i] = signatures[i] with
            {
                Parameters = signatures[i].Parameters.Select(p => p.Name == parameter.Name
                    ? p with { ClrType = "global::System.Collections.Generic.IReadOnlyList<" + p.ClrType + ">", Description = p.Description + " (or a list)" }
                    : p).ToArray(),
            };
        }
        return toolset.Derive("listargs", tools, signatures, inner => new ListInvoker(inner, generalized), q =>
            generalized.TryGetValue(q.ToolName, out var name) ? q with { ArgumentsJson = AsList(q.ArgumentsJson, name) } : q);
    }

    private static string AsList(string argumentsJson, string parameter)
    {
        using var doc = JsonArguments.Parse(argumentsJson);
        return JsonArguments.Rewrite(doc.RootElement, null, null, (n, v) => n == parameter ? "[" + v.GetRawText() + "]" : null);
    }

    private sealed class ListInvoker(IToolInvoker inner, Dictionary<string, string> generalized) : IToolInvoker
    {
        public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
        {
            if (!generalized.TryGetValue(toolName, out var parameter) ||
                !arguments.TryGetProperty(parameter, out var list) || list.ValueKind != JsonValueKind.Array)
                return inner.Invoke(toolName, arguments, cancellationToken);
            if (list.GetArrayLength() == 0)
                return ToolFeedback.InvalidArgument(toolName, parameter, "a value or a non-empty list of values");
            var lines = new StringBuilder();
            foreach (var element in list.EnumerateArray())
            {
                var single = JsonArguments.Rewrite(arguments, null, null, (n, _) => n == parameter ? element.GetRawText() : null);
                var result = inner.Invoke(toolName, single, cancellationToken);
                if (!result.IsOk)
                    return result;
                if (lines.Length > 0)
                    lines.Append('\n');
                lines.Append(element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText()).Append(": ").Append(result.Text);
            }
            return ToolResult.Ok(lines.ToString());
        }
    }
}
