using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>A fact value as written in an attribute or a facts file, before it is checked against its type.</summary>
internal enum FactInputKind { String, Number, Boolean, Null, EnumMember, Other }

/// <summary>A raw fact value: its kind and its text (numbers keep their invariant text; enum members their name).</summary>
internal readonly record struct FactInput(FactInputKind Kind, string Text, string? EnumType = null)
{
    public string Display => Kind switch
    {
        FactInputKind.String => JsonText.Quote(Text),
        FactInputKind.Null => "null",
        FactInputKind.EnumMember => EnumType + "." + Text,
        _ => Text,
    };
}

/// <summary>Checks a fact value against the tool's parameter or return type and formats it as C# and JSON.</summary>
internal static class FactValueConverter
{
    public static FactValue? Convert(FactInput input, TypeShape target, out string? error)
    {
        error = null;
        if (input.Kind == FactInputKind.Null)
        {
            if (target.IsNullable)
                return new FactValue("null", "null");
            error = "null is only allowed for nullable types";
            return null;
        }
        switch (target.Kind)
        {
            case TypeKind.String when input.Kind == FactInputKind.String:
                return new FactValue(SymbolDisplay.FormatLiteral(input.Text, quote: true), JsonText.Quote(input.Text));
            case TypeKind.Boolean when input.Kind == FactInputKind.Boolean:
                return new FactValue(input.Text, input.Text);
            case TypeKind.Byte or TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 when input.Kind == FactInputKind.Number:
                if (!long.TryParse(input.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) || !InRange(target.Kind, integer))
                {
                    error = $"expected an integer in the range of {target.FullName}";
                    return null;
                }
                var text = integer.ToString(CultureInfo.InvariantCulture);
                var literal = target.Kind switch { TypeKind.Int64 => text + "L", TypeKind.Int32 => text, _ => $"({target.FullName})({text})" };
                return new FactValue(literal, text);
            case TypeKind.Single or TypeKind.Double or TypeKind.Decimal when input.Kind == FactInputKind.Number:
                if (!double.TryParse(input.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    error = "expected a number";
                    return null;
                }
                var suffix = target.Kind switch { TypeKind.Single => "f", TypeKind.Decimal => "m", _ => "d" };
                return new FactValue(input.Text + suffix, input.Text);
            case TypeKind.Enum when input.Kind is FactInputKind.String or FactInputKind.EnumMember:
                if (input.Kind == FactInputKind.EnumMember && input.EnumType != target.FullName)
                {
                    error = $"the enum member belongs to {input.EnumType}";
                    return null;
                }
                var member = target.EnumMembers.FirstOrDefault(m => string.Equals(m, input.Text, StringComparison.OrdinalIgnoreCase));
                if (member is null)
                {
                    error = "expected one of " + string.Join(", ", target.EnumMembers);
                    return null;
                }
                return new FactValue(target.FullName + "." + member, JsonText.Quote(member));
            case TypeKind.DateOnly when input.Kind == FactInputKind.String:
                if (!DateTime.TryParseExact(input.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    error = "expected a date written yyyy-MM-dd";
                    return null;
                }
                return new FactValue($"new global::System.DateOnly({date.Year}, {date.Month}, {date.Day})", JsonText.Quote(input.Text));
            case TypeKind.DateTime when input.Kind == FactInputKind.String:
                if (!DateTime.TryParse(input.Text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
                {
                    error = "expected an ISO 8601 date-time such as 2025-05-01T14:30:00";
                    return null;
                }
                return new FactValue(
                    $"new global::System.DateTime({moment.Ticks.ToString(CultureInfo.InvariantCulture)}L, global::System.DateTimeKind.{moment.Kind})",
                    JsonText.Quote(moment.ToString("O", CultureInfo.InvariantCulture)));
            case TypeKind.Array or TypeKind.List or TypeKind.Object or TypeKind.Tuple:
                error = "facts support values of scalar types only (string, bool, integers, float/double/decimal, enums, DateOnly, DateTime)";
                return null;
            default:
                error = $"a {Describe(input.Kind)} does not fit";
                return null;
        }
    }

    private static bool InRange(TypeKind kind, long value) => kind switch
    {
        TypeKind.Byte => value is >= byte.MinValue and <= byte.MaxValue,
        TypeKind.Int16 => value is >= short.MinValue and <= short.MaxValue,
        TypeKind.Int32 => value is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };

    private static string Describe(FactInputKind kind) => kind switch
    {
        FactInputKind.String => "string",
        FactInputKind.Number => "number",
        FactInputKind.Boolean => "boolean",
        FactInputKind.EnumMember => "enum member",
        _ => "value of this kind",
    };
}
