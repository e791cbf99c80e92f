using System.Linq;
using System.Text;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Emitting;

/// <summary>Builds the scenario's Markdown page at compile time: one section per tool with a parameter table.</summary>
internal static class MarkdownBuilder
{
    public static string Page(ScenarioModel scenario)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(scenario.ScenarioName).Append("\n\n");
        if (scenario.Description.Length > 0)
            md.Append(scenario.Description).Append("\n\n");
        md.Append("Tools: ").Append(scenario.Tools.Count).Append(".\n");
        foreach (var tool in scenario.Tools)
        {
            md.Append("\n## `").Append(tool.Name).Append("`\n\n");
            md.Append(tool.Description).Append("\n\n");
            if (tool.Parameters.Count == 0)
            {
                md.Append("No parameters.\n");
            }
            else
            {
                md.Append("| parameter | type | required | description |\n");
                md.Append("|---|---|---|---|\n");
                foreach (var parameter in tool.Parameters)
                {
                    var description = parameter.DefaultJson is null ? parameter.Description : SchemaBuilder.AppendDefault(parameter.Description, parameter.DefaultJson);
                    md.Append("| `").Append(parameter.Name).Append("` | ").Append(TypeText(parameter.Type)).Append(" | ")
                      .Append(parameter.Required ? "yes" : "no").Append(" | ").Append(Cell(description)).Append(" |\n");
                }
            }
            md.Append("\nReturns: ").Append(TypeText(tool.ReturnType));
            if (tool.ReturnDescription.Length > 0)
                md.Append(" — ").Append(tool.ReturnDescription);
            md.Append('\n');
        }
        return md.ToString();
    }

    private static string TypeText(TypeShape shape)
    {
        var text = shape.Kind switch
        {
            TypeKind.Enum => "string (one of " + string.Join(", ", shape.EnumMembers.Select(m => "`" + m + "`")) + ")",
            TypeKind.DateOnly => "string (date, yyyy-MM-dd)",
            TypeKind.DateTime => "string (date-time, ISO 8601)",
            TypeKind.Array or TypeKind.List => "array of " + TypeText(shape.Element!),
            TypeKind.Object => "object {" + string.Join(", ", shape.Properties.Select(p => p.JsonName + ": " + TypeText(p.Type))) + "}",
            _ => shape.JsonType,
        };
        return shape.IsNullable ? text + " or null" : text;
    }

    private static string Cell(string text) => text.Replace("|", "\\|");
}
