using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// The pre-tokenizer of Qwen2/2.5/3 (<c>Split</c> on the pattern in <see cref="Pattern"/>, behaviour
/// <c>Isolated</c>), written as a scanner over Unicode code points.
/// </summary>
/// <remarks>
/// .NET's <see cref="System.Text.RegularExpressions.Regex"/> matches UTF-16 code units, so <c>\p{L}</c> misses
/// letters outside the BMP (𝒳, CJK extension B) that the reference engines (Oniguruma in HF tokenizers, JS
/// <c>u</c>-mode regexes) treat as letters; a hand-written scanner over runes avoids that. Whitespace is the
/// Unicode <c>White_Space</c> property, as in the reference Rust/Python tokenizers (JS's <c>\s</c> differs only
/// on U+FEFF and U+0085).
/// </remarks>
internal sealed class QwenPreTokenizer : PreTokenizer
{
    /// <summary>The split pattern this class implements, as it appears in Qwen's tokenizer.json.</summary>
    public const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static readonly QwenPreTokenizer Instance = new();

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => Split(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    /// <summary>Splits <paramref name="text"/> into pieces that cover it exactly, in order.</summary>
    public static List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int, int)>();
        int i = 0;
        while (i < text.Length)
        {
            int end = MatchAt(text, i);
            pieces.Add((i, end - i));
            i = end;
        }
        return pieces;
    }

    // Returns the end of the leftmost alternative that matches at `start` (every character matches one).
    private static int MatchAt(ReadOnlySpan<char> s, int start)
    {
        int end;
        if ((end = Contraction(s, start)) > start) return end;
        if ((end = Letters(s, start)) > start) return end;
        var (c0, n0) = At(s, start);
        if (IsNumber(c0)) return start + n0;
        if ((end = Punctuation(s, start)) > start) return end;
        return Whitespace(s, start);
    }

    // (?i:'s|'t|'re|'ve|'m|'ll|'d)
    private static int Contraction(ReadOnlySpan<char> s, int i)
    {
        if (s[i] != '\'' || i + 1 >= s.Length) return i;
        char a = s[i + 1];
        if (Is(a, 's') || a == '\u017F' || Is(a, 't') || Is(a, 'm') || Is(a, 'd')) return i + 2;
        if (i + 2 >= s.Length) return i;
        char b = s[i + 2];
        if ((Is(a, 'r') && Is(b, 'e')) || (Is(a, 'v') && Is(b, 'e')) || (Is(a, 'l') && Is(b, 'l'))) return i + 3;
        return i;
    }

    // [^\r\n\p{L}\p{N}]?\p{L}+
    private static int Letters(ReadOnlySpan<char> s, int i)
    {
        var (c0, n0) = At(s, i);
        int j = i;
        if (!IsLetter(c0))
        {
            if (c0.Value is '\r' or '\n' || IsNumber(c0) || i + n0 >= s.Length) return i;
            var (c1, _) = At(s, i + n0);
            if (!IsLetter(c1)) return i;
            j = i + n0;
        }
        while (j < s.Length)
        {
            var (c, n) = At(s, j);
            if (!IsLetter(c)) break;
            j += n;
        }
        return j;
    }

    //  ?[^\s\p{L}\p{N}]+[\r\n]*
    private static int Punctuation(ReadOnlySpan<char> s, int i)
    {
        int j = i;
        if (s[j] == ' ') j++;
        int runStart = j;
        while (j < s.Length)
        {
            var (c, n) = At(s, j);
            if (IsWhiteSpace(c) || IsLetter(c) || IsNumber(c)) break;
            j += n;
        }
        if (j == runStart) return i;
        while (j < s.Length && s[j] is '\r' or '\n') j++;
        return j;
    }

    // \s*[\r\n]+ | \s+(?!\S) | \s+   (called only when s[i] is whitespace)
    private static int Whitespace(ReadOnlySpan<char> s, int i)
    {
        int j = i;
        int lastNewline = -1;
        while (j < s.Length)
        {
            var (c, n) = At(s, j);
            if (!IsWhiteSpace(c)) break;
            if (c.Value is '\r' or '\n') lastNewline = j;
            j += n;
        }
        if (lastNewline >= 0) return lastNewline + 1;
        if (j == s.Length || j - i == 1) return j;
        // \s+(?!\S): leave the last whitespace character to join the next word (all whitespace here is BMP).
        return j - 1;
    }

    private static bool Is(char c, char lower) => c == lower || c == char.ToUpperInvariant(lower);

    private static (Rune Rune, int Length) At(ReadOnlySpan<char> s, int i)
    {
        Rune.DecodeFromUtf16(s[i..], out var rune, out int length);
        return (rune, length);
    }

    private static bool IsLetter(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter;

    private static bool IsNumber(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    // The Unicode White_Space property.
    internal static bool IsWhiteSpace(Rune r) => r.Value switch
    {
        >= 0x09 and <= 0x0D => true,
        0x20 or 0x85 or 0xA0 or 0x1680 or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        >= 0x2000 and <= 0x200A => true,
        _ => false,
    };
}
