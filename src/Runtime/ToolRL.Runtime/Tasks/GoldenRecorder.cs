namespace ToolRL.Tasks;

/// <summary>
/// Receives the calls a task body makes while its golden solution runs. The generated recording proxy
/// of a scenario calls <see cref="Record(string, string, string, object?)"/> once per tool call, in execution order.
/// </summary>
public sealed class GoldenRecorder
{
    private readonly List<RecordedCall> _calls = [];
    private readonly List<object?> _results = [];

    /// <summary>The calls recorded so far.</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls;

    /// <summary>
    /// The calls' results as the tools returned them (awaited for asynchronous tools), parallel to <see cref="Calls"/>;
    /// a golden call's <see cref="GoldenCallSpec.SubAnswer"/> reads a member of one.
    /// </summary>
    public IReadOnlyList<object?> Results => _results;

    /// <summary>Records one executed golden call whose result is not kept.</summary>
    public void Record(string toolName, string argumentsJson, string output) => Record(toolName, argumentsJson, output, null);

    /// <summary>Records one executed golden call and its result.</summary>
    public void Record(string toolName, string argumentsJson, string output, object? result)
    {
        _calls.Add(new RecordedCall(toolName, argumentsJson, output));
        _results.Add(result);
    }
}

/// <summary>One golden call as it executed.</summary>
public sealed record RecordedCall(string ToolName, string ArgumentsJson, string Output);
