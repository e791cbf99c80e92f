using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ToolRL.PythonSemantics;
using ToolRL.Tools;

namespace ToolRL.Server.Workers;

/// <summary>
/// One running worker process, seen from the server: sends calls, matches replies by id, and notices when the
/// process exits. Then every call waiting on it, and every later call of its sessions, fails with
/// <see cref="WorkerLostException"/> naming the exit code and the first line the worker wrote to stderr.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<PyValue>> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _stderrHead = new();
    private readonly ILogger _logger;
    private readonly LineWriter _input;
    private long _nextId;
    private volatile string? _deathReason;

    public WorkerProcess(int slot, WorkerLaunch launch, ILogger logger)
    {
        Slot = slot;
        _logger = logger;
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in launch.Arguments)
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the worker process '{launch.FileName}'");
        _process.StandardInput.AutoFlush = false;
        _input = new LineWriter(_process.StandardInput);
        _ = Task.Run(ReadRepliesAsync);
        _ = Task.Run(ReadErrorsAsync);
    }

    public int Slot { get; }

    public int ProcessId => _process.Id;

    /// <summary>Completes when the worker said it is ready; faults when it exited first.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes when the process has exited and every waiting call has failed.</summary>
    public Task Exited => _exited.Task;

    public bool IsAlive => _deathReason is null;

    public string? DeathReason => _deathReason;

    public async Task<ToolResult> CallAsync(long session, string environment, ToolCall call)
    {
        var reply = await RequestAsync(id => WorkerProtocol.Call(id, session, environment, call)).ConfigureAwait(false);
        return WorkerProtocol.TryReadResult(reply, out var result) ? result : throw Malformed();
    }

    /// <summary>
    /// Runs <paramref name="turns"/> (each turn's calls in order, on a fresh session of <paramref name="environment"/>)
    /// as one message and one reply: the results, turn by turn, call by call.
    /// </summary>
    public async Task<ToolResult[][]> RunTurnsAsync(string environment, IReadOnlyList<IReadOnlyList<ToolCall>> turns)
    {
        var reply = await RequestAsync(id => WorkerProtocol.Turns(id, environment, turns)).ConfigureAwait(false);
        return WorkerProtocol.TryReadTurnResults(reply, turns, out var results) ? results : throw Malformed();
    }

    private async Task<PyValue> RequestAsync(Func<long, string> message)
    {
        await Ready.ConfigureAwait(false);
        if (_deathReason is { } reason)
            throw new WorkerLostException(reason);
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<PyValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        if (!TrySend(message(id)) || _deathReason is not null)
            Fail(id, reply);
        return await reply.Task.ConfigureAwait(false);
    }

    private WorkerLostException Malformed() => new($"worker {Slot} (pid {ProcessId}) sent a reply this server cannot read");

    public void Close(long session)
    {
        if (IsAlive)
            TrySend(WorkerProtocol.Close(session));
    }

    private void Fail(long id, TaskCompletionSource<PyValue> reply)
    {
        _pending.TryRemove(id, out _);
        reply.TrySetException(new WorkerLostException(_deathReason ?? $"worker {Slot} (pid {ProcessId}) stopped accepting calls"));
    }

    // False once the pipe broke or closed: the process is exiting, and ReadRepliesAsync reports it.
    private bool TrySend(string line) => _input.TryWrite(line);

    private async Task ReadRepliesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line == WorkerProtocol.Ready)
                    _ready.TrySetResult();
                else if (WorkerProtocol.TryReadReply(line, out var id, out var message) && _pending.TryRemove(id, out var reply))
                    reply.TrySetResult(message);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await Task.Delay(50).ConfigureAwait(false); // let the stderr reader catch the crash message
        string head;
        lock (_stderrHead)
            head = _stderrHead.ToString().Trim();
        _deathReason = $"the worker process running this session's tools (worker {Slot}, pid {ProcessId}) exited with code {_process.ExitCode}"
            + (head.Length > 0 ? $" ({head})" : string.Empty)
            + "; the session's tool state is lost: delete the session and start a new one. Other sessions are unaffected.";
        _ready.TrySetResult(); // callers then see the death reason
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var reply))
                reply.TrySetException(new WorkerLostException(_deathReason));
        }
        _exited.TrySetResult();
    }

    private async Task ReadErrorsAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderrHead)
                {
                    // Keep the first line (e.g. "Stack overflow.") for the error; the stack trace that follows can be huge.
                    if (_stderrHead.Length == 0 && line.Trim().Length > 0)
                        _stderrHead.Append(line.Length > 200 ? line[..200] : line);
                }
                _logger.LogDebug("worker {Slot}: {Line}", Slot, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            _input.Close();
            _input.Completion.Wait(1000);
            _process.StandardInput.Close(); // the worker exits when its stdin closes
            if (!_process.WaitForExit(2000))
                _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
        }
        _process.Dispose();
    }
}
