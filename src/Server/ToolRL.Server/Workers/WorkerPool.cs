namespace ToolRL.Server.Workers;

/// <summary>
/// Supervises <c>count</c> worker processes. Sessions are spread over them round-robin; a worker that exits is
/// replaced at once (its sessions fail with <see cref="WorkerLostException"/>, every other worker's go on).
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly WorkerLaunch _launch;
    private readonly ILogger _logger;
    private readonly WorkerProcess[] _workers;
    private int _next = -1;
    private int _restarts;
    private volatile bool _disposed;

    public WorkerPool(int count, WorkerLaunch launch, ILogger logger)
    {
        _launch = launch;
        _logger = logger;
        _workers = new WorkerProcess[count];
        for (var i = 0; i < count; i++)
            _workers[i] = Start(i);
    }

    public int Count => _workers.Length;

    /// <summary>Workers restarted after an exit so far.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Waits until every worker is ready; fails with the reason when one exits on start.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var all = Task.WhenAll(_workers.Select(w => w.Ready));
        if (await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false) != all)
            throw new InvalidOperationException($"the worker processes did not start within {timeout.TotalSeconds:0} s ('{_launch.FileName}'); use --workers 0 to run in process");
        foreach (var worker in _workers)
        {
            if (worker.DeathReason is { } reason)
                throw new InvalidOperationException($"a worker process failed to start: {reason}");
        }
    }

    /// <summary>The next worker, round-robin.</summary>
    public WorkerProcess Next()
    {
        var slot = (int)((uint)Interlocked.Increment(ref _next) % (uint)_workers.Length);
        return Volatile.Read(ref _workers[slot]);
    }

    public IReadOnlyList<int> ProcessIds => _workers.Select(w => Volatile.Read(ref w).ProcessId).ToArray();

    private WorkerProcess Start(int slot)
    {
        var worker = new WorkerProcess(slot, _launch, _logger);
        _ = worker.Exited.ContinueWith(_ => Replace(worker), TaskScheduler.Default);
        return worker;
    }

    private void Replace(WorkerProcess dead)
    {
        if (_disposed)
            return;
        _logger.LogWarning("worker {Slot} (pid {Pid}) died: {Reason}; restarting it", dead.Slot, dead.ProcessId, dead.DeathReason);
        Volatile.Write(ref _workers[dead.Slot], Start(dead.Slot));
        Interlocked.Increment(ref _restarts); // counted once the replacement is in place
        dead.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var worker in _workers)
            worker.Dispose();
    }
}
