namespace ToolRL.Tools;

/// <summary>
/// The feedback texts of failed calls. The format follows the reference implementation
/// (<c>an error occured when call NAME: MESSAGE</c>, its spelling kept) so rewards and transcripts
/// stay comparable; the message part names the problem precisely.
/// </summary>
/// <remarks>
/// Under the reference's reward, a call solves a sub-question when its feedback contains the gold answer, even
/// when the call failed. So the SDK's own messages carry no values the call did not contain (no ranges, limits,
/// positions or counts: no digits at all) and do not repeat the model's text beyond the tool name (which the
/// reference's prefix holds);
/// they name arguments by the tool's schema instead. Only a tool's own exception message is passed through.
/// </remarks>
public static class ToolFeedback
{
    /// <summary>The reference error text for tool <paramref name="toolName"/>.</summary>
    public static string Error(string toolName, string message) => $"an error occured when call {toolName}: {message}";

    /// <summary>Feedback for a tool name the environment does not have (the reference prefix names it already).</summary>
    public static ToolResult UnknownTool(string toolName) =>
        new(ToolOutcome.UnknownTool, Error(toolName, $"no tool named '{toolName}' is available"));

    /// <summary>Feedback for arguments that are not an object; <paramref name="detail"/> is SDK text such as "got an array".</summary>
    public static ToolResult ArgumentsNotJson(string toolName, string detail) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"arguments must be a JSON object ({detail})"));

    /// <summary>
    /// Feedback for arguments that are not valid JSON. The parser's message is left out: it quotes the model's
    /// text and gives line and byte positions.
    /// </summary>
    public static ToolResult ArgumentsNotJson(string toolName, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ToolOutcome.InvalidArguments, Error(toolName, "arguments must be a JSON object (the text is not valid JSON)"));
    }

    /// <summary>Feedback for a required parameter the call left out.</summary>
    public static ToolResult MissingArgument(string toolName, string parameter) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"missing required argument '{parameter}'"));

    /// <summary>
    /// Feedback for an argument the tool does not take. The name is repeated, as Python's
    /// <c>TypeError: f() got an unexpected keyword argument 'x'</c> repeats it in the reference: it is the call's own
    /// text, so under the reference solve rule it can solve, exactly as there (the strict rule closes that path).
    /// <paramref name="accepted"/> lists the names the tool takes (e.g. <c>'city', 'date'</c>), or is empty.
    /// </summary>
    public static ToolResult UnknownArgument(string toolName, string parameter, string accepted) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, accepted.Length == 0
            ? $"unexpected argument '{parameter}'; this tool takes no arguments"
            : $"unexpected argument '{parameter}'; the arguments are {accepted}"));

    /// <summary>Feedback for a property that the object at <paramref name="path"/> does not have (<paramref name="accepted"/> lists its properties).</summary>
    public static ToolResult UnknownProperty(string toolName, string path, string accepted) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"argument '{path}' has an unexpected property; its properties are {accepted}"));

    /// <summary>Feedback for an argument or property given more than once in one object.</summary>
    public static ToolResult DuplicateArgument(string toolName, string path) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"argument '{path}' is given more than once"));

    /// <summary>Feedback for an argument of the wrong JSON type or out of range; <paramref name="expected"/> words the type.</summary>
    public static ToolResult InvalidArgument(string toolName, string parameter, string expected) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"argument '{parameter}' must be {expected}"));

    /// <summary>
    /// Feedback for JSON text that .NET cannot hold: an escaped lone surrogate (<c>"\ud800"</c>) in the string at
    /// <paramref name="path"/>, or in a property name when <paramref name="path"/> is null. Reported as a tool error.
    /// </summary>
    public static ToolResult InvalidText(string toolName, string? path) =>
        new(ToolOutcome.ToolError, Error(toolName, path is null
            ? "an argument name holds an unpaired surrogate escape, which is not text"
            : $"argument '{path}' holds an unpaired surrogate escape, which is not text"));

    /// <summary>Feedback for a tool that threw. Never throws itself, whatever the exception object does.</summary>
    public static ToolResult Exception(string toolName, Exception exception) =>
        new(ToolOutcome.ToolError, Error(toolName, MessageOf(exception)));

    /// <summary>Feedback for a tool that ran past the timeout (the limit itself is not repeated: no digits).</summary>
    public static ToolResult Timeout(string toolName, TimeSpan timeout) =>
        new(ToolOutcome.Timeout, Error(toolName, "the call ran past its time limit"));

    /// <summary>Feedback for a call refused because abandoned calls hold all <paramref name="threads"/> tool threads.</summary>
    public static ToolResult Refused(string toolName, int threads) =>
        new(ToolOutcome.ToolError, Error(toolName, "the call was refused: every tool thread is held by earlier calls that timed out and are still running"));

    /// <summary>Feedback for a cancelled call.</summary>
    public static ToolResult Cancelled(string toolName) =>
        new(ToolOutcome.Cancelled, Error(toolName, "the call was cancelled"));

    /// <summary>
    /// The exception's message, or its type name when the message is empty or its getter throws: a tool's
    /// exception is user code, and building feedback from it must not abort the process.
    /// </summary>
    private static string MessageOf(Exception? exception)
    {
        if (exception is null)
            return "the tool threw null";
        string? message;
        try
        {
            message = exception.Message;
        }
        catch
        {
            message = null;
        }
        return string.IsNullOrEmpty(message) ? exception.GetType().Name : message;
    }
}
