namespace ToolRL.Tools;

/// <summary>The feedback of one tool call: how it ended and the text the model reads.</summary>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Text">The tool's output rendered as text (see <see cref="ToolFeedback"/>), or the error message.</param>
public readonly record struct ToolResult(ToolOutcome Outcome, string Text)
{
    /// <summary>True when the tool ran and returned.</summary>
    public bool IsOk => Outcome == ToolOutcome.Ok;

    /// <summary>A successful result with the rendered output.</summary>
    public static ToolResult Ok(string text) => new(ToolOutcome.Ok, text);
}
