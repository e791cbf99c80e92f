using System.CommandLine;
using System.Text.RegularExpressions;

namespace ToolRL.Cli;

/// <summary>
/// Parse errors as a person reads them: value types named in words ("a whole number", not
/// <c>System.Nullable`1[System.Int32]</c>), and an unknown command or option followed by the nearest known name.
/// </summary>
internal static partial class ParseErrorText
{
    /// <summary>One line per parse error of <paramref name="parse"/>.</summary>
    public static IEnumerable<string> Lines(ParseResult parse)
    {
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in parse.Errors)
        {
            var line = Friendly(error.Message);
            foreach (var token in parse.UnmatchedTokens)
            {
                if (!line.Contains($"'{token}'", StringComparison.Ordinal) || !suggested.Add(token))
                    continue;
                if (Nearest(token, Names(parse.CommandResult.Command)) is { } name)
                    line += $" Did you mean '{name}'?";
            }
            yield return line;
        }
    }

    /// <summary><paramref name="message"/> with .NET type names replaced by words.</summary>
    public static string Friendly(string message) =>
        ExpectedType().Replace(message, m => $"as {Describe(m.Groups[1].Value)}");

    /// <summary>The known name closest to <paramref name="token"/> by edit distance, when it is close enough to be a typo.</summary>
    public static string? Nearest(string token, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = EditDistance(token.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (name, distance);
        }
        // A transposition costs 2 here; allow it, and about one edit in three letters for longer words.
        return bestDistance <= Math.Max(2, token.TrimStart('-').Length / 3) ? best : null;
    }

    private static IEnumerable<string> Names(Command command) =>
        command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))
            .Where(name => name.Length > 2); // short aliases such as -o would match anything

    private static string Describe(string typeName)
    {
        var inner = NullableOf().Match(typeName) is { Success: true } m ? m.Groups[1].Value : typeName;
        return inner switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            _ => "a value of type " + inner[(inner.LastIndexOf('.') + 1)..],
        };
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"as expected type '([^']+)'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"^System\.Nullable`1\[(.+)\]$")]
    private static partial Regex NullableOf();
}
