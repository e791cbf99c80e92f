using System.Threading.Channels;

namespace ToolRL.Server.Chat;

/// <summary>
/// Turns concurrent chat requests into batched model calls: the first queued request opens a window of
/// <c>window</c>; whatever arrives within it (up to the model's batch size) runs in the same call, grouped by
/// sampling settings. One call runs at a time; requests that arrive meanwhile wait and form the next batch.
/// A request whose client went away before its batch ran is dropped from it.
/// </summary>
internal sealed class ChatCompletionBatcher : IAsyncDisposable
{
    private readonly IChatCompletionModel _model;
    private readonly TimeSpan _window;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ChatCompletionBatcher(IChatCompletionModel model, TimeSpan window)
    {
        _model = model;
        _window = window;
        if (model.MaxBatchSize < 1)
            throw new ArgumentException($"the chat model's MaxBatchSize must be at least 1, not {model.MaxBatchSize}");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Model calls made so far, with the number of requests in each (for tests and the bench).</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get { lock (_sizes) return _sizes.ToArray(); }
    }

    private readonly List<int> _sizes = [];

    public Task<ChatCompletionResult> CompleteAsync(ChatCompletionRequest request, ChatCompletionSampling sampling, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, sampling, new TaskCompletionSource<ChatCompletionResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => pending.Done.TrySetCanceled(cancellationToken));
            pending.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        if (!_queue.Writer.TryWrite(pending))
            pending.Done.TrySetException(new OperationCanceledException("the server is stopping"));
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                var batch = await CollectAsync(reader).ConfigureAwait(false);
                foreach (var group in batch.Where(p => !p.Done.Task.IsCompleted).GroupBy(p => p.Sampling))
                    await RunGroupAsync(group.Key, group.ToArray()).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        while (reader.TryRead(out var left))
            left.Done.TrySetCanceled();
    }

    private async Task<List<Pending>> CollectAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        window.CancelAfter(_window);
        while (batch.Count < _model.MaxBatchSize)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }
            try
            {
                if (!await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                    break;
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                break; // the window closed
            }
        }
        return batch;
    }

    private async Task RunGroupAsync(ChatCompletionSampling sampling, Pending[] group)
    {
        lock (_sizes)
            _sizes.Add(group.Length);
        try
        {
            var results = await _model.CompleteAsync(group.Select(p => p.Request).ToArray(), sampling, _stop.Token).ConfigureAwait(false);
            if (results.Count != group.Length)
                throw new InvalidOperationException($"the chat model answered {results.Count} of {group.Length} requests");
            for (var i = 0; i < group.Length; i++)
                group[i].Done.TrySetResult(results[i]);
        }
        catch (Exception e)
        {
            foreach (var p in group)
                p.Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed record Pending(ChatCompletionRequest Request, ChatCompletionSampling Sampling, TaskCompletionSource<ChatCompletionResult> Done);
}
