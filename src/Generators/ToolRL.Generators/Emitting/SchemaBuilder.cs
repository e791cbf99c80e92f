using System.Linq;
using System.Text;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators.Emitting;

/// <summary>
/// Builds a tool's JSON-schema text at compile time: an <c>"object"</c> schema with one property per parameter,
/// nested objects inline, <c>"required"</c> listing the parameters that are neither nullable nor defaulted.
/// </summary>
internal static class SchemaBuilder
{
    public static string Parameters(ToolModel tool)
    {
        var builder = new StringBuilder();
        builder.Append("{\"type\":\"object\",\"properties\":{");
        for (var i = 0; i < tool.Parameters.Count; i++)
        {
            var parameter = tool.Parameters[i];
            if (i > 0)
                builder.Append(',');
            JsonText.AppendQuoted(builder, parameter.Name);
            builder.Append(':');
            var description = parameter.DefaultJson is null ? parameter.Description : AppendDefault(parameter.Description, parameter.DefaultJson);
            AppendType(builder, parameter.Type, description, parameter.DefaultJson);
        }
        builder.Append('}');
        AppendRequired(builder, tool.Parameters.Where(p => p.Required).Select(p => p.Name).ToArray());
        builder.Append('}');
        return builder.ToString();
    }

    /// <summary>"Temperature unit." + default "Celsius" → "Temperature unit. Default: \"Celsius\"."</summary>
    public static string AppendDefault(string description, string defaultJson)
    {
        var text = description.Length == 0 ? string.Empty : description.TrimEnd() + (description.TrimEnd().EndsWith(".") ? " " : ". ");
        return text + "Default: " + defaultJson + ".";
    }

    private static void AppendType(StringBuilder builder, TypeShape shape, string description, string? defaultJson)
    {
        builder.Append("{\"type\":");
        builder.Append(shape.IsNullable ? "[\"" + shape.JsonType + "\",\"null\"]" : "\"" + shape.JsonType + "\"");
        if (description.Length > 0)
        {
            builder.Append(",\"description\":");
            JsonText.AppendQuoted(builder, description);
        }
        switch (shape.Kind)
        {
            case TypeKind.Enum:
                builder.Append(",\"enum\":[");
                builder.Append(string.Join(",", shape.EnumMembers.Select(JsonText.Quote)));
                builder.Append(']');
                break;
            case TypeKind.DateOnly:
                builder.Append(",\"format\":\"date\"");
                break;
            case TypeKind.DateTime:
                builder.Append(",\"format\":\"date-time\"");
                break;
            case TypeKind.Array or TypeKind.List:
                builder.Append(",\"items\":");
                AppendType(builder, shape.Element!, string.Empty, null);
                break;
            case TypeKind.Object:
                builder.Append(",\"properties\":{");
                for (var i = 0; i < shape.Properties.Count; i++)
                {
                    var property = shape.Properties[i];
                    if (i > 0)
                        builder.Append(',');
                    JsonText.AppendQuoted(builder, property.JsonName);
                    builder.Append(':');
                    AppendType(builder, property.Type, property.Description, null);
                }
                builder.Append('}');
                AppendRequired(builder, shape.Properties.Where(p => p.Required).Select(p => p.JsonName).ToArray());
                break;
        }
        if (defaultJson is not null)
            builder.Append(",\"default\":").Append(defaultJson);
        builder.Append('}');
    }

    private static void AppendRequired(StringBuilder builder, string[] names)
    {
        if (names.Length == 0)
            return;
        builder.Append(",\"required\":[");
        builder.Append(string.Join(",", names.Select(JsonText.Quote)));
        builder.Append(']');
    }
}
