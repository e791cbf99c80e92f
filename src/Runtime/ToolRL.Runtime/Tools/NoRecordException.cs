namespace ToolRL.Tools;

/// <summary>
/// Thrown by a tool (the generated facts-only implementations do) that has no record for its arguments.
/// The session turns it into a <see cref="ToolOutcome.NoRecord"/> result whose text is <see cref="Exception.Message"/>
/// as written, without the error prefix; a golden call that throws it is a task error at load time.
/// </summary>
public sealed class NoRecordException : Exception
{
    /// <summary>Creates the exception with the text the model reads, e.g. <c>No record found for get_author(title="Emma").</c></summary>
    public NoRecordException(string message) : base(message)
    {
    }
}
