namespace ToolRL.Tools;

/// <summary>
/// The feedback texts of failed calls. The format follows the reference implementation
/// (<c>an error occured when call NAME: MESSAGE</c>, its spelling kept) so rewards and transcripts
/// stay comparable; the message part names the problem precisely.
/// </summary>
public static class ToolFeedback
{
    /// <summary>The reference error text for tool <paramref name="toolName"/>.</summary>
    public static string Error(string toolName, string message) => $"an error occured when call {toolName}: {message}";

    /// <summary>Feedback for a tool name the environment does not have.</summary>
    public static ToolResult UnknownTool(string toolName) =>
        new(ToolOutcome.UnknownTool, Error(toolName, $"no tool named '{toolName}' is available"));

    /// <summary>Feedback for arguments that are not valid JSON or not an object.</summary>
    public static ToolResult ArgumentsNotJson(string toolName, string detail) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"arguments must be a JSON object ({detail})"));

    /// <summary>Feedback for a required parameter the call left out.</summary>
    public static ToolResult MissingArgument(string toolName, string parameter) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"missing required argument '{parameter}'"));

    /// <summary>Feedback for an argument the tool does not take.</summary>
    public static ToolResult UnknownArgument(string toolName, string parameter) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"unexpected argument '{parameter}'"));

    /// <summary>Feedback for an argument of the wrong JSON type or out of range.</summary>
    public static ToolResult InvalidArgument(string toolName, string parameter, string expected) =>
        new(ToolOutcome.InvalidArguments, Error(toolName, $"argument '{parameter}' must be {expected}"));

    /// <summary>Feedback for a tool that threw. Never throws itself, whatever the exception object does.</summary>
    public static ToolResult Exception(string toolName, Exception exception) =>
        new(ToolOutcome.ToolError, Error(toolName, MessageOf(exception)));

    /// <summary>Feedback for a tool that ran past the timeout.</summary>
    public static ToolResult Timeout(string toolName, TimeSpan timeout) =>
        new(ToolOutcome.Timeout, Error(toolName, $"timed out after {timeout.TotalSeconds:0.###} s"));

    /// <summary>Feedback for a call refused because abandoned calls hold all <paramref name="threads"/> tool threads.</summary>
    public static ToolResult Refused(string toolName, int threads) =>
        new(ToolOutcome.ToolError, Error(toolName, $"the call was refused: all {threads} tool threads are held by earlier calls that timed out and are still running"));

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
