using System.Text;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// Makes any .NET string encodable the way HF's tokenizers encode it, without throwing:
/// lone surrogates become U+FFFD, and NFC is applied around Unicode non-characters, which
/// <see cref="string.Normalize(NormalizationForm)"/> rejects ("invalid Unicode code points") but HF keeps.
/// </summary>
internal static class UnicodeSanitizer
{
    /// <summary>
    /// Replaces each unpaired surrogate by U+FFFD — what a string with one becomes on its way into HF's Rust
    /// tokenizers (node bindings) and in transformers.js's UTF-8 byte encoding (both checked by the parity fixtures).
    /// Returns <paramref name="text"/> itself when it has none.
    /// </summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        int first = FirstLoneSurrogate(text, 0);
        if (first < 0) return text;
        var chars = text.ToCharArray();
        for (int i = first; i >= 0; i = FirstLoneSurrogate(text, i + 1)) chars[i] = '\uFFFD';
        return new string(chars);
    }

    /// <summary>
    /// NFC of a string without lone surrogates (see <see cref="ReplaceLoneSurrogates"/>) that may hold non-characters.
    /// A non-character has no decomposition, canonical combining class 0 and no composition, so it blocks
    /// reordering and composition on both sides: NFC of the runs between them, joined, is NFC of the whole.
    /// </summary>
    public static string NormalizeNfc(string text)
    {
        if (!HasNonCharacter(text)) return text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(text.Length);
        int runStart = 0;
        for (int i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            if (IsNonCharacter(rune.Value))
            {
                sb.Append(text.AsSpan(runStart, i - runStart).ToString().Normalize(NormalizationForm.FormC));
                sb.Append(text, i, rune.Utf16SequenceLength);
                runStart = i + rune.Utf16SequenceLength;
            }
            i += rune.Utf16SequenceLength;
        }
        sb.Append(text[runStart..].Normalize(NormalizationForm.FormC));
        return sb.ToString();
    }

    /// <summary>U+FDD0..U+FDEF and the last two code points of every plane (U+xFFFE, U+xFFFF).</summary>
    public static bool IsNonCharacter(int codePoint) => (codePoint & 0xFFFE) == 0xFFFE || codePoint is >= 0xFDD0 and <= 0xFDEF;

    private static bool HasNonCharacter(string text)
    {
        foreach (char c in text)
        {
            // BMP non-characters are single chars; the others are pairs whose low surrogate is U+DFFE or U+DFFF.
            if (c is (>= '\uFDD0' and <= '\uFDEF') or '\uFFFE' or '\uFFFF' or '\uDFFE' or '\uDFFF') return true;
        }
        return false;
    }

    private static int FirstLoneSurrogate(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            return i;
        }
        return -1;
    }
}
