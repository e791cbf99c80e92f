using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>Checks one <c>[ToolFact(tool, result, args...)]</c> against the scenario's tools.</summary>
internal static class FactAttributeParser
{
    public static FactModel? Parse(AttributeData attribute, string scenarioName, IReadOnlyList<ToolModel> tools, List<DiagnosticInfo> diagnostics)
    {
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
        var arguments = attribute.ConstructorArguments;
        if (arguments.Length < 3 || arguments[0].Value is not string toolMethod)
            return null; // the compiler already reports a malformed attribute

        var rawArguments = arguments[2].Kind == TypedConstantKind.Array ? arguments[2].Values.Select(ToInput).ToList() : new List<FactInput> { ToInput(arguments[2]) };
        return FactBuilder.Build(toolMethod, ToInput(arguments[1]), rawArguments, scenarioName, tools, location, diagnostics);
    }

    private static FactInput ToInput(TypedConstant constant)
    {
        if (constant.IsNull)
            return new FactInput(FactInputKind.Null, "null");
        if (constant.Kind == TypedConstantKind.Enum && constant.Type is { } enumType)
        {
            var member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, constant.Value));
            return new FactInput(FactInputKind.EnumMember, member?.Name ?? System.Convert.ToString(constant.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", TypeShapeParser.DisplayName(enumType));
        }
        return constant.Value switch
        {
            string s => new FactInput(FactInputKind.String, s),
            bool b => new FactInput(FactInputKind.Boolean, b ? "true" : "false"),
            char c => new FactInput(FactInputKind.String, c.ToString()),
            byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                new FactInput(FactInputKind.Number, DefaultValues.JsonLiteral(constant.Value)),
            _ => new FactInput(FactInputKind.Other, constant.Value?.ToString() ?? "?"),
        };
    }
}

/// <summary>Builds a <see cref="FactModel"/> from raw values (attribute or facts file), checking tool, count and types.</summary>
internal static class FactBuilder
{
    public static FactModel? Build(string toolMethod, FactInput result, IReadOnlyList<FactInput> arguments, string scenarioName,
        IReadOnlyList<ToolModel> tools, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var tool = tools.FirstOrDefault(t => t.MethodName == toolMethod) ?? tools.FirstOrDefault(t => t.Name == toolMethod);
        if (tool is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactForUnknownTool, location, toolMethod, scenarioName, string.Join(", ", tools.Select(t => t.MethodName))));
            return null;
        }
        var required = tool.Parameters.Count(p => p.DefaultLiteral is null && p.Required);
        if (arguments.Count < required || arguments.Count > tool.Parameters.Count)
        {
            var expected = required == tool.Parameters.Count ? tool.Parameters.Count.ToString() : $"{required} to {tool.Parameters.Count}";
            var names = tool.Parameters.Count == 0 ? "no parameters" : string.Join(", ", tool.Parameters.Select(p => p.Type.DeclaredName + " " + p.Name));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactArgumentCountMismatch, location, toolMethod, arguments.Count.ToString(), expected, names));
            return null;
        }
        var values = new List<FactValue>();
        var ok = true;
        for (var i = 0; i < tool.Parameters.Count; i++)
        {
            var parameter = tool.Parameters[i];
            if (i >= arguments.Count)
            {
                values.Add(new FactValue(parameter.DefaultLiteral ?? "null", parameter.DefaultJson ?? "null"));
                continue;
            }
            var value = FactValueConverter.Convert(arguments[i], parameter.Type, out var error);
            if (value is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactValueTypeMismatch, location, toolMethod, parameter.Name, arguments[i].Display, parameter.Type.DeclaredName, error ?? ""));
                ok = false;
                continue;
            }
            values.Add(value);
        }
        var converted = FactValueConverter.Convert(result, tool.ReturnType, out var resultError);
        if (converted is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactValueTypeMismatch, location, toolMethod, "the result", result.Display, tool.ReturnType.DeclaredName, resultError ?? ""));
            ok = false;
        }
        return ok && converted is not null ? new FactModel(tool.MethodName, values.ToEquatableArray(), converted) : null;
    }
}
