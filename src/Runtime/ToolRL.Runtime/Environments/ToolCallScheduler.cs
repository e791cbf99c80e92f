using System.Collections.Concurrent;
using System.Diagnostics;

namespace ToolRL.Environments;

/// <summary>
/// The threads that run bounded tool calls: dedicated background threads, not the .NET thread pool, so that a
/// tool which ignores its timeout (a runaway) holds one of these threads and nothing else. The rest of the
/// process — rollouts, timers, the caller's continuations — keeps the whole thread pool.
/// </summary>
/// <remarks>
/// Threads are started on demand up to <see cref="MaxThreads"/> and exit after a while idle; calls beyond that
/// wait in a queue (their timeout clock runs while they wait). An abandoned call — one that timed out or was
/// cancelled while its tool kept running — keeps its thread until the tool returns. When abandoned calls hold
/// every thread, new calls are refused at once with an error result instead of waiting for a timeout.
/// </remarks>
public sealed class ToolCallScheduler
{
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(30);
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000; // 20 µs

    private readonly ConcurrentQueue<IToolCallWork> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _threads;
    private int _idle;
    private int _spinning;
    private int _abandonedRunning;
    private long _abandonedTotal;
    private long _refused;

    /// <summary>Creates a scheduler with at most <paramref name="maxThreads"/> tool threads.</summary>
    public ToolCallScheduler(int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        MaxThreads = maxThreads;
    }

    /// <summary>
    /// The scheduler environments use unless their options name another: 256 threads, enough for the 64 runaway
    /// tools of the fault campaign beside a full rollout batch.
    /// </summary>
    public static ToolCallScheduler Shared { get; } = new(256);

    /// <summary>The cap on threads, that is on calls running at once, abandoned ones included.</summary>
    public int MaxThreads { get; }

    /// <summary>Tool threads alive now.</summary>
    public int Threads => Volatile.Read(ref _threads);

    /// <summary>Abandoned calls whose tool is still running (each holds a thread).</summary>
    public int AbandonedRunning => Math.Max(0, Volatile.Read(ref _abandonedRunning));

    /// <summary>Calls abandoned since the process started: timed out or cancelled while the tool kept running.</summary>
    public long AbandonedTotal => Interlocked.Read(ref _abandonedTotal);

    /// <summary>Calls refused because abandoned calls held every thread.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>False (and counted as refused) when abandoned calls hold every thread, so the call cannot run.</summary>
    internal bool TryAccept()
    {
        if (Volatile.Read(ref _abandonedRunning) < MaxThreads)
            return true;
        Interlocked.Increment(ref _refused);
        return false;
    }

    /// <summary>Queues a call: a spinning or idle thread takes it, or a new one is started while under the cap.</summary>
    internal void Schedule(IToolCallWork work)
    {
        _queue.Enqueue(work);
        if (Volatile.Read(ref _spinning) > 0)
            return; // a thread that just finished a call is watching the queue
        WakeOne();
    }

    private void WakeOne()
    {
        if (TryClaimIdle())
        {
            _wake.Release();
            return;
        }
        while (true)
        {
            var threads = Volatile.Read(ref _threads);
            if (threads >= MaxThreads)
                return; // a busy thread takes it when its call returns
            if (Interlocked.CompareExchange(ref _threads, threads + 1, threads) == threads)
                break;
        }
        var thread = new Thread(static s => ((ToolCallScheduler)s!).WorkerLoop())
        {
            IsBackground = true, // a runaway tool must not keep the process alive
            Name = "ToolRL tool call",
        };
        thread.UnsafeStart(this);
    }

    /// <summary>Called once by a call at the moment it is abandoned.</summary>
    internal void OnAbandoned()
    {
        Interlocked.Increment(ref _abandonedTotal);
        Interlocked.Increment(ref _abandonedRunning);
    }

    /// <summary>Called once when the tool of an abandoned call finally returns.</summary>
    internal void OnAbandonedReturned() => Interlocked.Decrement(ref _abandonedRunning);

    private bool TryClaimIdle()
    {
        while (true)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle == 0)
                return false;
            if (Interlocked.CompareExchange(ref _idle, idle - 1, idle) == idle)
                return true;
        }
    }

    private void WorkerLoop()
    {
        while (true)
        {
            if (_queue.TryDequeue(out var work))
            {
                if (!_queue.IsEmpty)
                    WakeOne(); // every queued call gets its own thread, so none waits behind a slow one
                work.RunTool();
                continue;
            }
            if (SpinForWork())
                continue;
            Interlocked.Increment(ref _idle);
            if (_wake.Wait(IdleExit))
                continue; // claimed by WakeOne
            if (TryClaimIdle())
            {
                // Nobody claimed this thread: it may exit, unless work arrived as it gave up.
                var threads = Interlocked.Decrement(ref _threads);
                if (_queue.IsEmpty || threads >= MaxThreads
                    || Interlocked.CompareExchange(ref _threads, threads + 1, threads) != threads)
                    return; // on a lost race a new or busy thread serves the queue
                continue;
            }
            // A WakeOne claimed this thread between the timeout and here: its wake-up is on the way.
            _wake.Wait();
        }
    }

    /// <summary>
    /// Watches the queue for a few microseconds before sleeping: a rollout's next call usually follows its last
    /// within microseconds, and taking it here saves the cost of waking a sleeping thread.
    /// </summary>
    private bool SpinForWork()
    {
        Interlocked.Increment(ref _spinning);
        var until = Stopwatch.GetTimestamp() + SpinTicks;
        var spinner = new SpinWait();
        while (_queue.IsEmpty && Stopwatch.GetTimestamp() < until)
            spinner.SpinOnce(sleep1Threshold: -1); // yields to other threads as it goes: never starves a busy machine
        Interlocked.Decrement(ref _spinning);
        return !_queue.IsEmpty; // checked after leaving the spinning count, so no queued call is missed
    }
}

/// <summary>A call that runs its tool on a scheduler thread.</summary>
internal interface IToolCallWork
{
    /// <summary>Runs the tool and reports the result; never throws.</summary>
    void RunTool();
}
