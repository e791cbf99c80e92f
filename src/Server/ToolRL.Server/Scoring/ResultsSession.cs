using ToolRL.Environments;
using ToolRL.Tools;

namespace ToolRL.Server.Scoring;

/// <summary>
/// A session that answers a turn's calls, in order, with the results a worker already returned for them (the batch
/// ran as one message): so <see cref="Episodes.StepScorer"/> scores a batched item with the same code, and the same
/// solve checks, as an item scored on a live session.
/// </summary>
internal sealed class ResultsSession(ToolResult[] results) : IToolSession
{
    private int _next;

    public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default) =>
        _next < results.Length
            ? new ValueTask<ToolResult>(results[_next++])
            : throw new InvalidOperationException($"the turn made more calls than the {results.Length} its worker ran");

    public void Dispose()
    {
    }
}
