using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolRL.Generators.Parsing;

/// <summary>Name conversions shared by the parser and the emitter.</summary>
internal static class Naming
{
    /// <summary><c>GetCapital</c> → <c>get_capital</c>; <c>GetHTTPStatus</c> → <c>get_http_status</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var acronymEnds = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (builder.Length > 0 && builder[builder.Length - 1] != '_' && (previousIsLowerOrDigit || acronymEnds))
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary><c>HighCelsius</c> → <c>highCelsius</c> (JSON property names of object shapes).</summary>
    public static string ToCamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>
    /// The one tool-name rule: <c>[Tool(Name = "...")]</c> when given, otherwise the method name in snake case. The
    /// parser (tool schemas) and the task analyser (golden call graphs) both use it.
    /// </summary>
    public static string ToolName(Microsoft.CodeAnalysis.AttributeData toolAttribute, string methodName) =>
        ExplicitToolName(toolAttribute) ?? ToSnakeCase(methodName);

    /// <summary>The <c>Name</c> given on <c>[Tool]</c>, or null.</summary>
    /// <summary>A tool in diagnostics, as the model sees it and as declared: <c>'get_office' (method GetOffice)</c>.</summary>
    public static string ToolDisplay(string toolName, string methodName) => $"'{toolName}' (method {methodName})";

    /// <summary>A method by its signature, to tell overloads apart: <c>GetOffice(string, int)</c>.</summary>
    public static string Signature(Microsoft.CodeAnalysis.IMethodSymbol method) =>
        method.Name + "(" + string.Join(", ", System.Linq.Enumerable.Select(method.Parameters, p => p.Type.ToDisplayString(Microsoft.CodeAnalysis.SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";

    public static string? ExplicitToolName(Microsoft.CodeAnalysis.AttributeData toolAttribute) =>
        System.Linq.Enumerable.FirstOrDefault(toolAttribute.NamedArguments, a => a.Key == "Name").Value.Value as string;

    /// <summary>The OpenAI function-name rule: 1–64 of [a-zA-Z0-9_-].</summary>
    public static bool IsValidToolName(string name)
    {
        if (name.Length is 0 or > 64)
            return false;
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-'))
                return false;
        }
        return true;
    }

    /// <summary>Scenario names appear in ids and file names: 1–64 of [a-zA-Z0-9_.-].</summary>
    public static bool IsValidScenarioName(string name) =>
        name.Length > 0 && IsValidToolName(name.Replace('.', '_'));

    /// <summary>Escapes a C# keyword used as an identifier (<c>class</c> → <c>@class</c>).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.UnderscoreToken
            ? "@" + name
            : name;

    /// <summary>Turns a fully qualified type name into a helper-name fragment.</summary>
    public static string ToIdentifierFragment(string fullName)
    {
        var builder = new StringBuilder(fullName.Length);
        var text = fullName.StartsWith("global::") ? fullName.Substring("global::".Length) : fullName;
        foreach (var c in text)
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        return builder.ToString();
    }
}
