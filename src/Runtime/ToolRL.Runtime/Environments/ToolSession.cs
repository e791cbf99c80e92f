using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// One episode's tools: a dispatcher over fresh tool state, opened by a <see cref="ToolSessionFactory"/>. Validates the call
/// (known tool, size, JSON object), then runs it through a <see cref="BoundedCall"/> that enforces the
/// timeout. A session executes one call at a time.
/// </summary>
/// <remarks>
/// After a timeout the tool's thread cannot be stopped (only asked to stop through its cancellation token);
/// it finishes in the background on its <see cref="ToolCallScheduler"/> thread and its result is discarded. Later calls of the same session then run
/// beside it on the same state; tools that must stay consistent should observe their token.
/// </remarks>
internal class ToolSession : IToolSession
{
    private readonly ToolSessionFactory _factory;
    private readonly ToolDispatcher? _dispatch;
    private readonly IDisposable? _state;
    private BoundedCall? _call;
    private bool _disposed;

    /// <summary>A session whose calls run through <paramref name="dispatch"/>.</summary>
    public ToolSession(ToolSessionFactory factory, ToolDispatcher dispatch, IDisposable? state)
        : this(factory, state) => _dispatch = dispatch;

    /// <summary>For a subclass that overrides <see cref="Dispatch"/> (no delegate to allocate per session).</summary>
    protected ToolSession(ToolSessionFactory factory, IDisposable? state)
    {
        _factory = factory;
        _state = state;
    }

    /// <summary>Runs one validated call on this session's tool state; may throw.</summary>
    protected virtual ToolResult Dispatch(string toolName, JsonElement arguments, CancellationToken cancellationToken) =>
        _dispatch!(toolName, arguments, cancellationToken);

    public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(call);
        var options = _factory.Options;
        var name = call.Name ?? string.Empty;
        if (!_factory.HasTool(name))
            return Done(ToolFeedback.UnknownTool(FeedbackLimits.DisplayName(name)));

        var args = call.ArgumentsJson ?? string.Empty;
        if (args.Length > options.MaxArgumentsLength)
            return Done(FeedbackLimits.ArgumentsTooLong(name, args.Length, options.MaxArgumentsLength));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(args, Json.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Done(ToolFeedback.ArgumentsNotJson(name, ex));
        }
        catch (ArgumentException ex)
        {
            return Done(ToolFeedback.ArgumentsNotJson(name, ex));
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            return Done(ToolFeedback.ArgumentsNotJson(name, $"got {Json.Describe(kind)}"));
        }
        if (cancellationToken.IsCancellationRequested)
        {
            document.Dispose();
            return Done(ToolFeedback.Cancelled(name));
        }

        if (options.CallTimeout == Timeout.InfiniteTimeSpan)
            return Done(InvokeGuarded(name, document, cancellationToken));

        if (!options.Scheduler.TryAccept())
        {
            document.Dispose();
            return Done(ToolFeedback.Refused(name, options.Scheduler.MaxThreads));
        }

        // Reuse the session's call slot unless its last tool is still running past a timeout.
        if (_call is null || !_call.IsReusable)
        {
            if (_call is { IsRunning: true })
                throw new InvalidOperationException("A tool session executes one call at a time; await the previous call first.");
            _call?.Dispose();
            _call = _factory.RentCall(this);
        }
        return _call.Start(name, document, cancellationToken);
    }

    internal ToolEnvironmentOptions Options => _factory.Options;

    /// <summary>Runs the dispatcher; a tool's exception becomes feedback. Disposes the arguments.</summary>
    internal ToolResult InvokeGuarded(string name, JsonDocument document, CancellationToken token)
    {
        using (document)
        {
            try
            {
                return Dispatch(name, document.RootElement, token);
            }
            catch (Exception ex)
            {
                return ToolSessionFactory.FeedbackFor(ex, name, token);
            }
        }
    }

    internal ToolResult Finish(ToolResult result) => FeedbackLimits.Truncate(result, _factory.Options.MaxOutputLength);

    private ValueTask<ToolResult> Done(ToolResult result) => new(Finish(result));

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_call is { IsReusable: true })
            _factory.ReturnCall(_call);
        else
            _call?.Dispose();
        _call = null;
        _state?.Dispose();
    }
}
