using System.Globalization;
using System.Text;

namespace ToolRL.PythonSemantics;

/// <summary>Python's <c>str</c> methods that the reference reward uses, with Python's exact character sets.</summary>
public static class PyText
{
    /// <summary>
    /// Python's <c>str.isspace</c> (bidirectional class WS, B or S, or category Zs). Wider than ASCII and
    /// unlike <see cref="char.IsWhiteSpace(char)"/>: U+001C–U+001F are whitespace to Python.
    /// </summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001C' and <= '\u0020' => true,
        '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    /// <summary><c>s.strip()</c>.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start]))
            start++;
        while (end > start && IsSpace(s[end - 1]))
            end--;
        return s[start..end];
    }

    /// <summary><c>s.strip()</c> as a string (the same instance when nothing is stripped).</summary>
    public static string Strip(string s)
    {
        var stripped = Strip(s.AsSpan());
        return stripped.Length == s.Length ? s : stripped.ToString();
    }

    /// <summary><c>s.lstrip(chars)</c>: removes leading characters that are <em>in the set</em> <paramref name="chars"/> (not a prefix).</summary>
    public static ReadOnlySpan<char> LStripChars(ReadOnlySpan<char> s, ReadOnlySpan<char> chars)
    {
        var start = 0;
        while (start < s.Length && chars.Contains(s[start]))
            start++;
        return s[start..];
    }

    /// <summary><c>s.removesuffix(suffix)</c>.</summary>
    public static ReadOnlySpan<char> RemoveSuffix(ReadOnlySpan<char> s, ReadOnlySpan<char> suffix) =>
        s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;

    /// <summary>
    /// <c>s.lower()</c>: the Unicode lower-case mapping per code point, plus the two rules in which Python
    /// differs from a per-character mapping: U+0130 becomes "i̇" (two code points), and capital sigma becomes
    /// final sigma (ς) after a cased letter and not before one.
    /// </summary>
    public static string Lower(string s)
    {
        var ascii = true;
        var upper = false;
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }
            upper |= c is >= 'A' and <= 'Z';
        }
        if (ascii)
        {
            // Tool output and gold answers are mostly ASCII: one string, no per-character work beyond A–Z.
            return upper ? string.Create(s.Length, s, static (span, text) => System.Text.Ascii.ToLower(text, span, out _)) : s;
        }
        var sb = new StringBuilder(s.Length);
        Span<char> units = stackalloc char[2];
        for (var i = 0; i < s.Length;)
        {
            if (Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                sb.Append(s[i]); // a lone surrogate: Python keeps it
                i++;
                continue;
            }
            if (rune.Value == 0x0130)
                sb.Append("i\u0307");
            else if (rune.Value == 0x03A3)
                sb.Append(IsFinalSigma(s, i) ? '\u03C2' : '\u03C3');
            else
                sb.Append(units[..Rune.ToLowerInvariant(rune).EncodeToUtf16(units)]);
            i += consumed;
        }
        return sb.ToString();
    }

    // Python's handle_capital_sigma: a cased letter before (skipping case-ignorable ones), none after.
    private static bool IsFinalSigma(string s, int index)
    {
        var j = index;
        var casedBefore = false;
        while (j > 0)
        {
            var rune = RuneBefore(s, j, out var width);
            j -= width;
            if (IsCaseIgnorable(rune))
                continue;
            casedBefore = IsCased(rune);
            break;
        }
        if (!casedBefore)
            return false;
        j = index + 1;
        while (j < s.Length)
        {
            if (Rune.DecodeFromUtf16(s.AsSpan(j), out var rune, out var width) != System.Buffers.OperationStatus.Done)
                return true;
            j += width;
            if (IsCaseIgnorable(rune))
                continue;
            return !IsCased(rune);
        }
        return true;
    }

    private static Rune RuneBefore(string s, int end, out int width)
    {
        if (Rune.DecodeLastFromUtf16(s.AsSpan(0, end), out var rune, out width) == System.Buffers.OperationStatus.Done)
            return rune;
        width = 1;
        return Rune.ReplacementChar;
    }

    private static bool IsCased(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToLowerInvariant(r) != r || Rune.ToUpperInvariant(r) != r;

    // Unicode's Case_Ignorable: marks, format characters, modifiers, and the word-break MidLetter/MidNumLet/Single_Quote set.
    private static bool IsCaseIgnorable(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || r.Value is '\'' or '.' or ':' or '^' or '`' or 0x00B7 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
