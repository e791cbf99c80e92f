using System.Text;
using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Cli.Describe;

/// <summary>
/// Renders a tool's JSON schema as a one-line signature, e.g.
/// <c>get_forecast(city: string, date: string, unit?: "Celsius"|"Fahrenheit")</c>; optional parameters get a <c>?</c>.
/// </summary>
internal static class ToolSignatureText
{
    /// <summary>The signature line of <paramref name="tool"/>.</summary>
    public static string Of(ToolDefinition tool)
    {
        using var schema = JsonDocument.Parse(tool.ParametersSchema);
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.RootElement.TryGetProperty("required", out var requiredList) && requiredList.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in requiredList.EnumerateArray())
                required.Add(name.GetString() ?? "");
        }

        var text = new StringBuilder(tool.Name).Append('(');
        if (schema.RootElement.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var first = true;
            foreach (var property in properties.EnumerateObject())
            {
                if (!first)
                    text.Append(", ");
                first = false;
                text.Append(property.Name).Append(required.Contains(property.Name) ? ": " : "?: ").Append(TypeOf(property.Value));
            }
        }
        return text.Append(')').ToString();
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return "any";
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            return string.Join("|", values.EnumerateArray().Select(v => v.GetRawText()));
        var type = schema.TryGetProperty("type", out var t) ? TypeName(t) : "any";
        return type switch
        {
            "array" => (schema.TryGetProperty("items", out var items) ? TypeOf(items) : "any") + "[]",
            "object" => schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                ? "{" + string.Join(", ", props.EnumerateObject().Select(p => p.Name + ": " + TypeOf(p.Value))) + "}"
                : "object",
            _ => type,
        };
    }

    // A nullable type may be written as ["string", "null"].
    private static string TypeName(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => type.GetString() ?? "any",
        JsonValueKind.Array => string.Join("|", type.EnumerateArray().Select(t => t.GetString())),
        _ => "any",
    };
}
