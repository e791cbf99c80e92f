using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks.Sources;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// Runs one tool call on a <see cref="ToolCallScheduler"/> thread under the per-call timeout without allocating
/// per call: the session reuses this object (its timer, token source and awaitable) for every call that finished
/// in time. Whoever comes first — the tool, the timer or the caller's cancellation — completes the awaitable; the
/// losers do nothing. A timed-out object is never reused, because its tool may still be running. An idle one outlives
/// its session: the factory hands it to a later session, so a fresh session's first call creates no timer either.
/// </summary>
/// <remarks>
/// The tool runs on a dedicated scheduler thread, so a runaway holds that thread and not a pool thread; a result
/// in time is handed to the caller on the thread pool (this object is also the pool work item), so the caller's
/// continuation never runs on, and never holds, a tool thread.
/// </remarks>
internal sealed class BoundedCall : IValueTaskSource<ToolResult>, IToolCallWork, IThreadPoolWorkItem, IDisposable
{
    private const int Idle = 0, Running = 1, Completed = 2, Abandoned = 3;

    private ToolSession _session;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _toolCancellation = new();
    private ManualResetValueTaskSourceCore<ToolResult> _core;
    private CancellationTokenRegistration _callerRegistration;
    private int _state = Idle;
    private long _startedAt;
    private string _name = string.Empty;
    private JsonDocument? _document;
    private ToolResult _result;

    public BoundedCall(ToolSession session)
    {
        _session = session;
        _timer = new Timer(static s => ((BoundedCall)s!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Hands this idle call slot to another session of the same factory (<see cref="ToolSessionFactory"/> pools them).</summary>
    public void Rebind(ToolSession session) => _session = session;

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
            _callerRegistration = cancellationToken.UnsafeRegister(static s => ((BoundedCall)s!).OnCallerCancelled(), this);
        var version = _core.Version; // read before the tool thread can complete (and the caller reuse) the call
        _session.Options.Scheduler.Schedule(this);
        return new ValueTask<ToolResult>(this, version);
    }

    /// <summary>The tool's run, on a scheduler thread.</summary>
    void IToolCallWork.RunTool()
    {
        var document = _document!;
        _document = null;
        if (Volatile.Read(ref _state) != Running)
        {
            // Timed out or cancelled while queued: the tool never starts.
            document.Dispose();
            _session.Options.Scheduler.OnAbandonedReturned();
            return;
        }
        var result = _session.InvokeGuarded(_name, document, _toolCancellation.Token);
        if (Interlocked.CompareExchange(ref _state, Completed, Running) == Running)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            _result = _session.Finish(result);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
            _session.Options.Scheduler.OnAbandonedReturned();
    }

    /// <summary>Hands a result in time to the caller, on a pool thread.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        var result = _result;
        _result = default;
        _core.SetResult(result);
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
        _session.Options.Scheduler.OnAbandoned();
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
