namespace ToolRL.Tasks;

/// <summary>
/// Receives the calls a task body makes while its golden solution runs. The generated recording proxy
/// of a scenario calls <see cref="Record"/> once per tool call, in execution order.
/// </summary>
public sealed class GoldenRecorder
{
    private readonly List<RecordedCall> _calls = [];

    /// <summary>The calls recorded so far.</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls;

    /// <summary>Records one executed golden call.</summary>
    public void Record(string toolName, string argumentsJson, string output) =>
        _calls.Add(new RecordedCall(toolName, argumentsJson, output));
}

/// <summary>One golden call as it executed.</summary>
public sealed record RecordedCall(string ToolName, string ArgumentsJson, string Output);
