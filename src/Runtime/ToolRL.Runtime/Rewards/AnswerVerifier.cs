using System.Buffers;
using System.Text;
using ToolRL.PythonSemantics;

namespace ToolRL.Rewards;

/// <summary>
/// The reference answer check. <c>answer_verify(output, gold)</c>: split <c>gold</c> on <c>", "</c>;
/// lower-case both sides and delete every <c>,</c>; strip; the output solves the sub-question iff every
/// gold part is a substring of the output. Python's <c>"" in s</c> is true, so an empty gold part always
/// matches; the construction validator flags empty gold answers instead of changing the rule here.
/// </summary>
public static class AnswerVerifier
{
    /// <summary>The separator the reference splits gold answers on.</summary>
    public const string PartSeparator = ", ";

    /// <summary>True when every part of <paramref name="gold"/> occurs in <paramref name="output"/> after normalization.</summary>
    public static bool Verify(string output, string gold)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(gold);
        if (!Ascii.IsValid(output) || !Ascii.IsValid(gold))
            return VerifyText(output, gold);
        // ASCII text (nearly all tool output and gold answers): normalized into stack buffers, no strings.
        using var outputBuffer = new CharBuffer(output.Length, stackalloc char[StackChars]);
        using var goldBuffer = new CharBuffer(gold.Length, stackalloc char[StackChars]);
        var normalizedOutput = NormalizeAscii(output, outputBuffer.Span);
        var rest = gold.AsSpan();
        while (true)
        {
            // gold.split(", "): each part, the last one included, must occur.
            var cut = rest.IndexOf(PartSeparator, StringComparison.Ordinal);
            var part = NormalizeAscii(cut < 0 ? rest : rest[..cut], goldBuffer.Span);
            if (normalizedOutput.IndexOf(part, StringComparison.Ordinal) < 0)
                return false;
            if (cut < 0)
                return true;
            rest = rest[(cut + PartSeparator.Length)..];
        }
    }

    /// <summary>
    /// The final-answer check of the step reward: the whole normalized gold answer is a substring of the
    /// normalized output (no split).
    /// </summary>
    public static bool ContainsAnswer(string output, string gold)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(gold);
        if (!Ascii.IsValid(output) || !Ascii.IsValid(gold))
            return Normalize(output).Contains(Normalize(gold), StringComparison.Ordinal);
        using var outputBuffer = new CharBuffer(output.Length, stackalloc char[StackChars]);
        using var goldBuffer = new CharBuffer(gold.Length, stackalloc char[StackChars]);
        return NormalizeAscii(output, outputBuffer.Span).IndexOf(NormalizeAscii(gold, goldBuffer.Span), StringComparison.Ordinal) >= 0;
    }

    /// <summary><see cref="Verify"/> on any text, through <see cref="Normalize"/>'s strings (Python's full lower-casing).</summary>
    internal static bool VerifyText(string output, string gold)
    {
        var normalizedOutput = Normalize(output);
        // Most gold answers have one part: skip the split's array (same result: Split without a separator gives [gold]).
        if (!gold.Contains(PartSeparator, StringComparison.Ordinal))
            return normalizedOutput.Contains(Normalize(gold), StringComparison.Ordinal);
        foreach (var part in gold.Split(PartSeparator))
        {
            if (!normalizedOutput.Contains(Normalize(part), StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    private const int StackChars = 256;

    /// <summary><see cref="Normalize"/> of ASCII text into <paramref name="buffer"/>: A–Z lowered, commas dropped, then stripped.</summary>
    private static ReadOnlySpan<char> NormalizeAscii(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c != ',')
                buffer[n++] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        }
        return PyText.Strip(buffer[..n]);
    }

    /// <summary>A stack buffer, or a pooled array when the text is longer.</summary>
    private ref struct CharBuffer
    {
        private char[]? _rented;

        public CharBuffer(int length, Span<char> stack)
        {
            if (length <= stack.Length)
            {
                Span = stack;
                _rented = null;
            }
            else
            {
                _rented = ArrayPool<char>.Shared.Rent(length);
                Span = _rented;
            }
        }

        public Span<char> Span { get; }

        public void Dispose()
        {
            if (_rented is not null)
                ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }
    }

    /// <summary>
    /// <c>text.lower().replace(',', '').strip()</c>: the reference normalization, with Python's lower-casing and
    /// whitespace set (<see cref="PyText"/>).
    /// </summary>
    public static string Normalize(string text) => PyText.Strip(PyText.Lower(text).Replace(",", "", StringComparison.Ordinal));
}
