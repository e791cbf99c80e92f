using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Server.Workers;

/// <summary>
/// An environment whose sessions live in a supervised worker process: the same name, tools and tasks as the
/// project's environment, but each <see cref="OpenSession"/> pins a session to one worker and every call crosses
/// to it. So <see cref="Episodes.Episode"/> and <see cref="Episodes.StepScorer"/> run unchanged in the server,
/// and only tool code, which can crash the process, runs in the worker.
/// </summary>
internal sealed class WorkerEnvironment(IToolEnvironment definition, WorkerPool pool) : IToolEnvironment
{
    private static long s_nextSession;

    public string Name => definition.Name;
    public string Description => definition.Description;
    public IReadOnlyList<ToolDefinition> Tools => definition.Tools;
    public IReadOnlyList<EnvironmentTask> Tasks => definition.Tasks;

    public IToolSession OpenSession() => new Session(pool.Next(), Interlocked.Increment(ref s_nextSession), definition.Name);

    /// <summary>
    /// Runs independent turns, each on a fresh session (as <c>/v1/score</c> scores them): split into one contiguous
    /// share per worker, each share one message and one reply, so a batch costs a few pipe writes, not one per call.
    /// A share whose worker exits fails with <see cref="WorkerLostException"/>; the others are unaffected.
    /// </summary>
    /// <returns>Per turn, its calls' results in order, or the exception that lost its share.</returns>
    public async Task<(ToolResult[]? Results, WorkerLostException? Lost)[]> RunTurnsAsync(IReadOnlyList<ToolCall>[] turns)
    {
        var outcome = new (ToolResult[]?, WorkerLostException?)[turns.Length];
        if (turns.Length == 0)
            return outcome;
        var size = (turns.Length + Math.Min(pool.Count, turns.Length) - 1) / Math.Min(pool.Count, turns.Length);
        var shares = (turns.Length + size - 1) / size;
        var running = new Task[shares];
        for (var s = 0; s < shares; s++)
            running[s] = RunShareAsync(pool.Next(), s * size, Math.Min(size, turns.Length - s * size));
        await Task.WhenAll(running).ConfigureAwait(false);
        return outcome;

        async Task RunShareAsync(WorkerProcess worker, int start, int count)
        {
            var share = new ArraySegment<IReadOnlyList<ToolCall>>(turns, start, count);
            try
            {
                var results = await worker.RunTurnsAsync(definition.Name, share).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                    outcome[start + i] = (results[i], null);
            }
            catch (WorkerLostException ex)
            {
                for (var i = 0; i < count; i++)
                    outcome[start + i] = (null, ex);
            }
        }
    }

    private sealed class Session(WorkerProcess worker, long id, string environment) : IToolSession
    {
        private bool _disposed;

        /// <inheritdoc />
        /// <exception cref="WorkerLostException">The worker holding this session's state exited.</exception>
        public async ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // The call runs to its end in the worker (bounded there by the tool timeout), so the session never
            // has two calls in flight; cancellation is observed between calls.
            if (cancellationToken.IsCancellationRequested)
                return new ToolResult(ToolOutcome.Cancelled, $"Error: the call to {call.Name} was cancelled.");
            return await worker.CallAsync(id, environment, call).ConfigureAwait(false);
        }

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            worker.Close(id);
        }
    }
}
