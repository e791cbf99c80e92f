using System.Text;
using System.Text.RegularExpressions;

namespace ToolRL.Trainer.Optimization;

/// <summary>
/// A whole-name pattern over HF parameter names. Plain text is a glob: <c>*</c> any run of characters (dots
/// included), <c>?</c> one character, <c>[0-9]</c> a class, <c>{a,b}</c> alternatives, everything else literal —
/// so <c>model.layers.[0-9].mlp.*</c> selects the MLPs of layers 0–9. A <c>regex:</c> prefix gives a .NET regular
/// expression instead, matched against the whole name.
/// </summary>
public sealed class ParameterPattern
{
    private readonly Regex _regex;

    private ParameterPattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>True when the whole of <paramref name="name"/> matches.</summary>
    public bool IsMatch(string name) => _regex.IsMatch(name);

    /// <summary>Parses one pattern; an invalid regex or unbalanced glob bracket throws with the pattern named.</summary>
    public static ParameterPattern Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        const string regexPrefix = "regex:";
        try
        {
            var body = text.StartsWith(regexPrefix, StringComparison.Ordinal)
                ? "^(?:" + text[regexPrefix.Length..] + ")$"
                : GlobToRegex(text);
            return new ParameterPattern(text, new Regex(body, RegexOptions.CultureInvariant));
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new ArgumentException($"Invalid parameter pattern '{text}': {e.Message}", nameof(text), e);
        }
    }

    /// <summary>Splits a list of patterns separated by <c>;</c> or whitespace and parses each.</summary>
    public static IReadOnlyList<ParameterPattern> ParseList(string patterns) =>
        patterns.Split([';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse).ToArray();

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        var braceDepth = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*': sb.Append(".*"); break;
                case '?': sb.Append('.'); break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                        throw new ArgumentException($"'[' at position {i} has no closing ']'.");
                    var cls = glob[(i + 1)..close];
                    sb.Append('[').Append(cls.StartsWith('!') ? "^" + cls[1..] : cls).Append(']');
                    i = close;
                    break;
                case '{': braceDepth++; sb.Append("(?:"); break;
                case '}' when braceDepth > 0: braceDepth--; sb.Append(')'); break;
                case ',' when braceDepth > 0: sb.Append('|'); break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        if (braceDepth != 0)
            throw new ArgumentException("A '{' has no closing '}'.");
        return sb.Append('$').ToString();
    }
}
