using System.Linq;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Checks a facts-file result that is an object or an array against the tool's return shape at compile time.
/// The generated code rebuilds the value from the JSON text with the scenario's own reader on every call, so each
/// episode gets a fresh instance.
/// </summary>
internal static class CompositeFactConverter
{
    public static FactValue? Convert(JsonNode node, TypeShape target, string codec, out string? error)
    {
        if (!target.CanRead)
        {
            error = $"'{target.DeclaredName}' cannot be constructed from JSON (it needs a public constructor whose parameters match its properties, or settable properties)";
            return null;
        }
        if (!Check(node, target, "result", out error))
            return null;
        var json = node.ToJson();
        return new FactValue($"{codec}.FromJson{target.Id}({Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(json, quote: true)})", json);
    }

    private static bool Check(JsonNode node, TypeShape shape, string path, out string? error)
    {
        error = null;
        if (node.Kind == FactInputKind.Null && !node.IsObject && !node.IsArray)
        {
            if (shape.IsNullable)
                return true;
            error = $"{path} is null, but '{shape.DeclaredName}' is not nullable";
            return false;
        }
        switch (shape.Kind)
        {
            case TypeKind.Object:
                if (!node.IsObject)
                {
                    error = $"{path} must be an object";
                    return false;
                }
                foreach (var entry in node.Properties!)
                {
                    var property = shape.Properties.FirstOrDefault(p => p.JsonName == entry.Key);
                    if (property is null)
                    {
                        error = $"{path} has no property '{entry.Key}' (properties: {string.Join(", ", shape.Properties.Select(p => p.JsonName))})";
                        return false;
                    }
                    if (!Check(entry.Value, property.Type, path + "." + entry.Key, out error))
                        return false;
                }
                var missing = shape.Properties.FirstOrDefault(p => p.Required && node.Properties!.All(e => e.Key != p.JsonName));
                if (missing is not null)
                {
                    error = $"{path} lacks required property '{missing.JsonName}'";
                    return false;
                }
                return true;
            case TypeKind.Array or TypeKind.List:
                if (!node.IsArray)
                {
                    error = $"{path} must be an array";
                    return false;
                }
                for (var i = 0; i < node.Items!.Count; i++)
                {
                    if (!Check(node.Items[i], shape.Element!, $"{path}[{i}]", out error))
                        return false;
                }
                return true;
            default:
                if (node.IsObject || node.IsArray)
                {
                    error = $"{path} must be a {shape.JsonType}";
                    return false;
                }
                var value = FactValueConverter.Convert(node.ToInput(), shape, out var scalarError);
                if (value is null)
                    error = $"{path}: {scalarError}";
                return value is not null;
        }
    }
}
