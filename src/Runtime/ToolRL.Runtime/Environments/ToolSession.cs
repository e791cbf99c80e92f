using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Environments;

/// <summary>
/// One episode's tools: a fresh implementation from the environment's factory. Validates the call
/// (known tool, size, JSON object), then runs it through a <see cref="BoundedCall{TTools}"/> that enforces the
/// timeout. A session executes one call at a time.
/// </summary>
/// <remarks>
/// After a timeout the tool's thread cannot be stopped (only asked to stop through its cancellation token);
/// it finishes in the background on its <see cref="ToolCallScheduler"/> thread and its result is discarded. Later calls of the same session then run
/// beside it on the same state; tools that must stay consistent should observe their token.
/// </remarks>
internal sealed class ToolSession<TTools> : IToolSession where TTools : class
{
    private readonly ToolEnvironment<TTools> _environment;
    private readonly TTools _tools;
    private BoundedCall<TTools>? _call;
    private bool _disposed;

    public ToolSession(ToolEnvironment<TTools> environment, TTools tools)
    {
        _environment = environment;
        _tools = tools ?? throw new InvalidOperationException(
            $"The tools factory of scenario '{environment.Name}' returned null.");
    }

    public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(call);
        var options = _environment.Options;
        var name = call.Name ?? string.Empty;
        if (!_environment.HasTool(name))
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
            _call = new BoundedCall<TTools>(this);
        }
        return _call.Start(name, document, cancellationToken);
    }

    internal ToolEnvironmentOptions Options => _environment.Options;

    /// <summary>Runs the scenario's dispatcher; a tool's exception becomes feedback. Disposes the arguments.</summary>
    internal ToolResult InvokeGuarded(string name, JsonDocument document, CancellationToken token)
    {
        try
        {
            return _environment.Scenario.Invoke(_tools, name, document.RootElement, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return ToolFeedback.Cancelled(name);
        }
        catch (NoRecordException ex)
        {
            // A facts tool with no record for these arguments: its text as written, without the error prefix.
            return new ToolResult(ToolOutcome.NoRecord, ex.Message);
        }
        catch (Exception ex)
        {
            return ToolFeedback.Exception(name, ex);
        }
        finally
        {
            document.Dispose();
        }
    }

    internal ToolResult Finish(ToolResult result) => FeedbackLimits.Truncate(result, _environment.Options.MaxOutputLength);

    private ValueTask<ToolResult> Done(ToolResult result) => new(Finish(result));

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _call?.Dispose();
        (_tools as IDisposable)?.Dispose();
    }
}
