namespace ToolRL.Construction.Composition;

/// <summary>Maps a signature's C# return type to the JSON type of its rendered output.</summary>
public static class ReturnTypes
{
    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, or <c>object</c> for anything else.</summary>
    public static string JsonTypeOf(string clrType)
    {
        var t = clrType.Replace("global::", "", StringComparison.Ordinal).Replace("System.", "", StringComparison.Ordinal).TrimEnd('?');
        return t switch
        {
            "string" or "String" or "DateOnly" or "DateTime" => "string",
            "int" or "long" or "short" or "byte" or "Int32" or "Int64" or "Int16" or "uint" or "ulong" => "integer",
            "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "number",
            "bool" or "Boolean" => "boolean",
            _ => "object",
        };
    }
}
