using System.Text.Json;
using ToolRL.Tools;

namespace Construction.Tests.Scenarios;

/// <summary>What a generated dispatcher does, by hand: checks argument names and types, then reads them.</summary>
internal static class ArgumentReader
{
    /// <summary>Null when the arguments are exactly <paramref name="names"/> (all strings); else the failure feedback.</summary>
    public static ToolResult? Check(string tool, JsonElement args, params string[] names)
    {
        foreach (var p in args.EnumerateObject())
        {
            if (!names.Contains(p.Name))
                return ToolFeedback.UnknownArgument(tool, p.Name, string.Join(", ", names.Select(n => $"'{n}'")));
        }
        foreach (var n in names)
        {
            if (!args.TryGetProperty(n, out var v))
                return ToolFeedback.MissingArgument(tool, n);
            if (v.ValueKind != JsonValueKind.String)
                return ToolFeedback.InvalidArgument(tool, n, "a string");
        }
        return null;
    }

    public static string S(JsonElement args, string name) => args.GetProperty(name).GetString()!;
}
