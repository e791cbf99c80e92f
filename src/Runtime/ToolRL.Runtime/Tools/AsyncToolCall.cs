namespace ToolRL.Tools;

/// <summary>
/// How generated code runs an asynchronous tool (<c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>) and an asynchronous task
/// body: started with no <see cref="SynchronizationContext"/>, then waited for on the calling thread.
/// </summary>
/// <remarks>
/// The dispatcher is synchronous: a session runs it on a dedicated tool thread under the call's timeout, and the
/// environment's cancellation token reaches the tool's <see cref="CancellationToken"/> parameter, as for a synchronous
/// tool. Waiting cannot deadlock: the tool starts with no context to capture, so its continuations run on the thread
/// pool and never need the waiting thread (that also holds where the caller has a single-threaded context, as a
/// golden run or a construction pipeline may). Until the tool completes it holds its tool thread, as a synchronous
/// tool would; a timed-out call is abandoned and its token cancelled.
/// </remarks>
public static class AsyncToolCall
{
    /// <summary>Clears the thread's synchronization context until the returned scope is disposed.</summary>
    public static ContextScope WithoutContext()
    {
        var context = SynchronizationContext.Current;
        if (context is not null)
            SynchronizationContext.SetSynchronizationContext(null);
        return new ContextScope(context);
    }

    /// <summary>The task's result; its exception (not an AggregateException) if it failed.</summary>
    public static T Wait<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>The task's result; its exception if it failed. A completed one is read without allocating.</summary>
    public static T Wait<T>(ValueTask<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();

    /// <summary>Restores the synchronization context that <see cref="WithoutContext"/> cleared.</summary>
    public readonly struct ContextScope : IDisposable
    {
        private readonly SynchronizationContext? _context;

        internal ContextScope(SynchronizationContext? context) => _context = context;

        /// <summary>Puts the cleared context back.</summary>
        public void Dispose()
        {
            if (_context is not null)
                SynchronizationContext.SetSynchronizationContext(_context);
        }
    }
}
