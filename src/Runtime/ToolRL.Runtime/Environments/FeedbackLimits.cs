using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>The size limits of <see cref="ToolEnvironmentOptions"/> applied to arguments and feedback text.</summary>
internal static class FeedbackLimits
{
    /// <summary>Feedback for an arguments payload over the limit (it is not parsed). No digits: see <see cref="ToolFeedback"/>.</summary>
    public static ToolResult ArgumentsTooLong(string toolName, int length, int limit) =>
        new(ToolOutcome.InvalidArguments,
            ToolFeedback.Error(toolName, "the arguments are longer than the environment's limit"));

    /// <summary>
    /// Cuts text longer than <paramref name="limit"/> and appends a marker saying how much was cut. The
    /// outcome is kept, so a long but correct output still solves what its first part contains.
    /// </summary>
    public static ToolResult Truncate(ToolResult result, int limit)
    {
        var text = result.Text ?? string.Empty;
        if (text.Length <= limit)
            return result.Text is null ? result with { Text = text } : result;
        var cut = limit;
        if (char.IsHighSurrogate(text[cut - 1]))
            cut--; // never split a surrogate pair
        return result with { Text = string.Concat(text.AsSpan(0, cut), $"\n[output truncated: {text.Length} characters, showing the first {cut}]") };
    }

    /// <summary>Shortens a model-written name for use inside feedback text.</summary>
    public static string DisplayName(string name) =>
        name.Length <= 128 ? name : string.Concat(name.AsSpan(0, 128), "…");
}
