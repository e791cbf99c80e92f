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

    /// <summary>
    /// The final-answer check of the step reward: the whole normalized gold answer is a substring of the
    /// normalized output (no split).
    /// </summary>
    public static bool ContainsAnswer(string output, string gold) =>
        Normalize(output).Contains(Normalize(gold), StringComparison.Ordinal);

    /// <summary>
    /// <c>text.lower().replace(',', '').strip()</c>: the reference normalization, with Python's lower-casing and
    /// whitespace set (<see cref="PyText"/>).
    /// </summary>
    public static string Normalize(string text) => PyText.Strip(PyText.Lower(text).Replace(",", "", StringComparison.Ordinal));
}
