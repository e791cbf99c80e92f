using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolRL.Generators.Parsing;

/// <summary>Formats compile-time constants (parameter defaults, fact values) as C# and JSON text.</summary>
internal static class DefaultValues
{
    public static string CSharp(object? value, ITypeSymbol type)
    {
        var target = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
        if (value is null)
            return target.IsValueType && SymbolEqualityComparer.Default.Equals(target, type) ? "default" : "null";
        if (target.TypeKind == TypeKind.Enum)
        {
            var member = target.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, value));
            var typeName = TypeShapeParser.DisplayName(target);
            return member is null ? $"({typeName}){Convert.ToString(value, CultureInfo.InvariantCulture)}" : $"{typeName}.{member.Name}";
        }
        return Literal(value);
    }

    public static string Json(object? value, ITypeSymbol type)
    {
        var target = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
        if (value is null)
            return "null";
        if (target.TypeKind == TypeKind.Enum)
        {
            var member = target.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, value));
            return member is null ? Convert.ToString(value, CultureInfo.InvariantCulture) : JsonText.Quote(member.Name);
        }
        return JsonLiteral(value);
    }

    /// <summary>A C# literal for a primitive constant, suffixed so it has the constant's type.</summary>
    public static string Literal(object value) => value switch
    {
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        byte or short or int => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public static string JsonLiteral(object value) => value switch
    {
        string s => JsonText.Quote(s),
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
