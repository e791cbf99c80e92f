using System.Collections.Concurrent;
using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// The one bounded path every tool call takes, whoever built the environment: sessions that validate a call (known
/// tool, arguments size, a JSON object), run it under <see cref="ToolEnvironmentOptions.CallTimeout"/> on the
/// options' <see cref="ToolCallScheduler"/> (refusing past its cap), turn a tool's exception or missing record into
/// the reference feedback, and cut long output. <see cref="ToolEnvironment{TTools}"/> and constructed environments
/// both open their sessions here, so the same failing call gets the same feedback text in either.
/// </summary>
public sealed class ToolSessionFactory
{
    private readonly HashSet<string> _toolNames;

    // Idle call slots (timer, token source, awaitable) of disposed sessions, handed to later ones: creating them was
    // most of what a fresh session's first bounded call allocated. Bounded, so a burst of sessions cannot pin memory.
    private readonly ConcurrentQueue<BoundedCall> _idleCalls = new();
    private int _idleCount;
    private const int MaxIdleCalls = 256;

    /// <summary>Creates the factory of an environment offering <paramref name="tools"/>.</summary>
    /// <param name="environmentName">The environment's name, for error messages.</param>
    /// <param name="tools">The tools offered; a call to any other name gets the unknown-tool feedback.</param>
    /// <param name="options">Call limits; <see cref="ToolEnvironmentOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A limit is not positive.</exception>
    public ToolSessionFactory(string environmentName, IReadOnlyList<ToolDefinition> tools, ToolEnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environmentName);
        ArgumentNullException.ThrowIfNull(tools);
        Options = options ?? ToolEnvironmentOptions.Default;
        if (Options.CallTimeout <= TimeSpan.Zero && Options.CallTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"CallTimeout must be positive or infinite, not {Options.CallTimeout}.", nameof(options));
        if (Options.MaxArgumentsLength <= 0 || Options.MaxOutputLength <= 0)
            throw new ArgumentException("MaxArgumentsLength and MaxOutputLength must be positive.", nameof(options));
        EnvironmentName = environmentName;
        _toolNames = new HashSet<string>(tools.Select(t => t.Name), StringComparer.Ordinal);
    }

    /// <summary>The environment's name.</summary>
    public string EnvironmentName { get; }

    /// <summary>The call limits.</summary>
    public ToolEnvironmentOptions Options { get; }

    /// <summary>True when the environment offers a tool of that name.</summary>
    public bool HasTool(string name) => _toolNames.Contains(name);

    /// <summary>
    /// Opens a session over one episode's tool state. A session executes one call at a time.
    /// </summary>
    /// <param name="dispatch">Runs a validated call on that state.</param>
    /// <param name="state">Disposed with the session (the tools implementation, when disposable); may be null.</param>
    public IToolSession Open(ToolDispatcher dispatch, IDisposable? state = null)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return new ToolSession(this, dispatch, state);
    }

    internal BoundedCall RentCall(ToolSession session)
    {
        if (!_idleCalls.TryDequeue(out var call))
            return new BoundedCall(session);
        Interlocked.Decrement(ref _idleCount);
        call.Rebind(session);
        return call;
    }

    internal void ReturnCall(BoundedCall call)
    {
        if (Interlocked.Increment(ref _idleCount) <= MaxIdleCalls)
            _idleCalls.Enqueue(call);
        else
        {
            Interlocked.Decrement(ref _idleCount);
            call.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="dispatch"/> with the sessions' exception mapping, for callers that run golden calls outside
    /// a session (task composition and validation): a cancelled call, a missing record and a tool's exception become
    /// the same results a session gives. No limits are applied.
    /// </summary>
    public static ToolResult Invoke(ToolDispatcher dispatch, string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        try
        {
            return dispatch(toolName, arguments, cancellationToken);
        }
        catch (Exception ex)
        {
            return FeedbackFor(ex, toolName, cancellationToken);
        }
    }

    /// <summary>The result a call that threw <paramref name="exception"/> gets.</summary>
    internal static ToolResult FeedbackFor(Exception exception, string toolName, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => ToolFeedback.Cancelled(toolName),
        // A facts tool with no record for these arguments: its text as written, without the error prefix.
        NoRecordException => new ToolResult(ToolOutcome.NoRecord, exception.Message),
        _ => ToolFeedback.Exception(toolName, exception),
    };
}
