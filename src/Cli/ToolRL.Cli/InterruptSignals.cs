using System.Runtime.InteropServices;

namespace ToolRL.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for the command line, handled here rather than by System.CommandLine. The first
/// signal cancels <see cref="Token"/>: the command stops at its next safe point (between generated tokens, between
/// training steps), saves what it can and exits 130. A second signal ends the process at once, as the default
/// SIGINT action does (exit 130, nothing more saved).
/// </summary>
/// <remarks>
/// Why not System.CommandLine's own handler: after its timeout (2 s by default) it makes <c>InvokeAsync</c> return
/// while the command still runs, so <c>Main</c> returns and the runtime exits under a thread that is inside
/// libtorch — a segmentation fault (exit 139) whenever a generation batch or an RL update outlasts the timeout.
/// Its second-signal path also completed a task twice (an unhandled InvalidOperationException, exit 134).
/// </remarks>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    private InterruptSignals(CancellationToken outer, TextWriter error)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _error = error;
    }

    /// <summary>Cancelled by the first signal, or by the caller's token.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Starts handling SIGINT and SIGTERM until disposed.</summary>
    public static InterruptSignals Register(CancellationToken outer, TextWriter error)
    {
        var signals = new InterruptSignals(outer, error);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGTERM has no handler on some platforms; Ctrl+C still does.
            }
        }
        return signals;
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            context.Cancel = true; // keep the process: the command stops at its next safe point
            _error.WriteLine("stopping at the next safe point (Ctrl+C again to stop at once)...");
            _cancellation.Cancel();
            return;
        }
        // Second signal: let the default action end the process now (the shell then reports 130 for SIGINT).
        _error.WriteLine("stopping now; nothing more is saved.");
        _error.Flush();
        context.Cancel = false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancellation.Dispose();
    }
}
