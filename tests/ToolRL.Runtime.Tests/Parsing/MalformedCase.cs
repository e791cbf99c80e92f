using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>
/// One assistant text and everything the runtime must make of it when it is the first turn of the
/// single-hop task "What is the capital of France?" (gold sub-answer and final answer "Paris", u = 1).
/// </summary>
/// <param name="Id">A short name for the test display.</param>
/// <param name="Text">The assistant text.</param>
/// <param name="Calls">The names of the calls that must parse, in order.</param>
/// <param name="Outcomes">The outcome of each call.</param>
/// <param name="Feedback">A substring each call's feedback must contain, in order.</param>
/// <param name="Reward">The step reward (F1 variant).</param>
/// <param name="Content">The expected content, or null to skip that check.</param>
/// <param name="Markup">Whether the text counts as having tool-call markup.</param>
public sealed record MalformedCase(
    string Id,
    string Text,
    string[] Calls,
    ToolOutcome[] Outcomes,
    string[] Feedback,
    double Reward,
    string? Content,
    bool Markup)
{
    public override string ToString() => Id;
}
