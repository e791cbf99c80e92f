using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks.Sources;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// Runs one tool call on the thread pool under the per-call timeout without allocating per call: the
/// session reuses this object (its timer, token source and awaitable) for every call that finished in time.
/// Whoever comes first — the tool, the timer or the caller's cancellation — completes the awaitable; the
/// losers do nothing. A timed-out object is never reused, because its tool may still be running.
/// </summary>
internal sealed class BoundedCall<TTools> : IValueTaskSource<ToolResult>, IThreadPoolWorkItem, IDisposable
    where TTools : class
{
    private const int Idle = 0, Running = 1, Completed = 2, Abandoned = 3;

    private readonly ToolSession<TTools> _session;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _toolCancellation = new();
    private ManualResetValueTaskSourceCore<ToolResult> _core;
    private CancellationTokenRegistration _callerRegistration;
    private int _state = Idle;
    private long _startedAt;
    private string _name = string.Empty;
    private JsonDocument? _document;

    public BoundedCall(ToolSession<TTools> session)
    {
        _session = session;
        _timer = new Timer(static s => ((BoundedCall<TTools>)s!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>True when the last call finished in time (or none ran) and its result was consumed.</summary>
    public bool IsReusable => Volatile.Read(ref _state) == Idle;

    /// <summary>True while a call is in flight and not yet decided.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == Running;

    public ValueTask<ToolResult> Start(string name, JsonDocument document, CancellationToken cancellationToken)
    {
        _name = name;
        _document = document;
        _core.Reset();
        _startedAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref _state, Running);
        _timer.Change(_session.Options.CallTimeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
            _callerRegistration = cancellationToken.UnsafeRegister(static s => ((BoundedCall<TTools>)s!).OnCallerCancelled(), this);
        // From a pool thread (async rollouts) the item goes to that thread's local queue: after the caller awaits,
        // the same thread usually runs the tool next, with no cross-thread wake-up. Idle workers still steal it.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        return new ValueTask<ToolResult>(this, _core.Version);
    }

    /// <summary>The tool's run, on a pool thread.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        var result = _session.InvokeGuarded(_name, _document!, _toolCancellation.Token);
        _document = null;
        if (Interlocked.CompareExchange(ref _state, Completed, Running) == Running)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            _core.SetResult(_session.Finish(result));
        }
    }

    private void OnTimer()
    {
        if (Volatile.Read(ref _state) != Running)
            return;
        // A firing left over from an earlier call may arrive late: re-arm for what is left of this one.
        var remaining = _session.Options.CallTimeout - Stopwatch.GetElapsedTime(_startedAt);
        if (remaining > TimeSpan.Zero)
        {
            _timer.Change(remaining, Timeout.InfiniteTimeSpan);
            return;
        }
        Abandon(ToolFeedback.Timeout(_name, _session.Options.CallTimeout));
    }

    private void OnCallerCancelled() => Abandon(ToolFeedback.Cancelled(_name));

    private void Abandon(ToolResult result)
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Running) != Running)
            return;
        _toolCancellation.Cancel(); // ask a cooperative tool to stop
        _core.SetResult(_session.Finish(result));
    }

    ToolResult IValueTaskSource<ToolResult>.GetResult(short token)
    {
        var result = _core.GetResult(token);
        _callerRegistration.Unregister();
        _callerRegistration = default;
        // Only a call that the tool itself completed frees the slot for the next call.
        Interlocked.CompareExchange(ref _state, Idle, Completed);
        return result;
    }

    ValueTaskSourceStatus IValueTaskSource<ToolResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<ToolResult>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);

    public void Dispose()
    {
        _timer.Dispose();
        // The token source stays undisposed on purpose: an abandoned tool may still read its token.
    }
}
