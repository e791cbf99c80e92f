namespace ToolRL.Tools;

/// <summary>How a tool call ended. Everything but <see cref="Ok"/> still yields feedback text for the model.</summary>
public enum ToolOutcome
{
    /// <summary>The tool ran and returned a value.</summary>
    Ok,
    /// <summary>No tool of that name exists in the environment.</summary>
    UnknownTool,
    /// <summary>The arguments were not valid JSON, missing, unknown, mistyped or out of range.</summary>
    InvalidArguments,
    /// <summary>The tool threw an exception.</summary>
    ToolError,
    /// <summary>The tool ran past the per-call timeout.</summary>
    Timeout,
    /// <summary>The caller cancelled the call.</summary>
    Cancelled,
    /// <summary>
    /// The tool ran but holds no record for these arguments (a facts-only tool's fallback,
    /// <see cref="NoRecordException"/>). Its text echoes the arguments, so in strict scoring it never solves.
    /// </summary>
    NoRecord,
}
