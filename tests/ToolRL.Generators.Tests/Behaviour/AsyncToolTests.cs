using GeneratorTests.Infrastructure;

namespace GeneratorTests.Behaviour;

/// <summary>
/// Async tools (<c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>; issue 17 §10): dispatched with the call's token under the same
/// timeout as sync tools, recorded in golden runs, usable from async task bodies, and never deadlocked by a caller's
/// single-threaded synchronization context.
/// </summary>
public class AsyncToolTests
{
    private const string Source = """"
        using System;
        using System.Collections.Concurrent;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using ToolRL;
        using ToolRL.Environments;
        using ToolRL.Tools;

        namespace Remote;

        /// <summary>A booking.</summary>
        /// <param name="Id">Its id.</param>
        /// <param name="Guest">Who booked.</param>
        public sealed record Booking(string Id, string Guest);

        /// <summary>A remote booking service.</summary>
        [Scenario("remote")]
        public interface IRemote
        {
            /// <summary>Books a room.</summary>
            /// <param name="guest">Guest name.</param>
            /// <param name="cancellationToken">The call's token.</param>
            [Tool]
            Task<Booking> BookAsync(string guest, CancellationToken cancellationToken);

            /// <summary>Cancels a booking.</summary>
            /// <param name="id">Booking id.</param>
            [Tool]
            ValueTask<string> CancelAsync(string id);

            /// <summary>Never answers until cancelled.</summary>
            /// <param name="cancellationToken">The call's token.</param>
            [Tool]
            Task<int> HangAsync(CancellationToken cancellationToken);
        }

        internal sealed class Service : IRemote
        {
            public static CancellationToken LastToken;
            public static readonly TaskCompletionSource<bool> HangCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public async Task<Booking> BookAsync(string guest, CancellationToken cancellationToken)
            {
                LastToken = cancellationToken;
                await Task.Yield(); // posts to a captured context, if there were one
                return new Booking("BK-" + guest.Length, guest);
            }

            public async ValueTask<string> CancelAsync(string id)
            {
                await Task.Delay(1);
                return "Cancelled " + id;
            }

            public async Task<int> HangAsync(CancellationToken cancellationToken)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return 0;
                }
                catch (OperationCanceledException)
                {
                    HangCancelled.TrySetResult(true);
                    throw;
                }
            }
        }

        public static class RemoteTasks
        {
            [Task("Book a room for Ada and cancel it.")]
            internal static async Task<string> BookAndCancel(IRemote r) =>
                await r.CancelAsync((await r.BookAsync("Ada", default).ConfigureAwait(false)).Id);

            [Task("Book a room for Bo.")]
            internal static async ValueTask<Booking> BookForBo(IRemote r)
            {
                var booking = await r.BookAsync("Bo", default);
                return booking;
            }
        }

        /// <summary>A context that queues posts and never runs them while its thread is blocked (like a UI thread).</summary>
        internal sealed class BlockingContext : SynchronizationContext
        {
            public readonly ConcurrentQueue<(SendOrPostCallback, object?)> Posted = new();
            public override void Post(SendOrPostCallback d, object? state) => Posted.Enqueue((d, state));
        }

        public static class Probe
        {
            public static string Invoke(string tool, string json)
            {
                using var document = JsonDocument.Parse(json);
                var result = RemoteScenario.Instance.Invoke(new Service(), tool, document.RootElement, default);
                return result.Outcome + ": " + result.Text;
            }

            public static bool TokenReachesTheTool()
            {
                using var source = new CancellationTokenSource();
                using var document = JsonDocument.Parse("""{"guest":"Ada"}""");
                RemoteScenario.Instance.Invoke(new Service(), "book_async", document.RootElement, source.Token);
                return Service.LastToken == source.Token;
            }

            /// <summary>Runs the dispatcher and a golden load on a thread whose context never pumps; null when done in time.</summary>
            public static string? UnderBlockingContext()
            {
                string? outcome = "timed out";
                var thread = new Thread(() =>
                {
                    var context = new BlockingContext();
                    SynchronizationContext.SetSynchronizationContext(context);
                    var text = Invoke("book_async", """{"guest":"Ada"}""");
                    var tasks = new ToolEnvironment<IRemote>(RemoteScenario.Instance, () => new Service()).Tasks;
                    outcome = SynchronizationContext.Current == context && text == "Ok: {\"id\":\"BK-3\",\"guest\":\"Ada\"}" && tasks.Count == 2 ? null : "wrong: " + text;
                }) { IsBackground = true };
                thread.Start();
                return thread.Join(TimeSpan.FromSeconds(20)) ? outcome : "deadlocked";
            }

            public static string Loaded() => string.Join(" || ", new ToolEnvironment<IRemote>(RemoteScenario.Instance, () => new Service()).Tasks
                .Select(t => t.Id + " " + t.Structure + " | " + string.Join(" | ", t.SubQuestions.Select(q => $"{q.ToolName}{q.ArgumentsJson}={q.Answer}")) + " | " + t.FinalAnswer));

            public static async Task<string> Timeout()
            {
                var environment = new ToolEnvironment<IRemote>(RemoteScenario.Instance, () => new Service(),
                    new ToolEnvironmentOptions { CallTimeout = TimeSpan.FromMilliseconds(200) });
                using var session = environment.OpenSession();
                var result = await session.ExecuteAsync(new ToolCall("hang_async", "{}"));
                var cancelled = await Task.WhenAny(Service.HangCancelled.Task, Task.Delay(10_000)) == Service.HangCancelled.Task;
                return result.Outcome + " " + cancelled;
            }
        }
        """";

    private static readonly Lazy<Loaded> Compiled = new(() => Loaded.Compile("Remote.Probe", [Source]));

    [Theory]
    [InlineData("book_async", """{"guest":"Ada"}""", """Ok: {"id":"BK-3","guest":"Ada"}""")]
    [InlineData("cancel_async", """{"id":"BK-3"}""", "Ok: Cancelled BK-3")]
    [InlineData("cancel_async", """{}""", "InvalidArguments: an error occured when call cancel_async: missing required argument 'id'")]
    public void Async_tools_dispatch_like_sync_tools(string tool, string json, string expected) =>
        Assert.Equal(expected, Compiled.Value.Call<string>("Invoke", tool, json));

    [Fact]
    public void The_call_token_reaches_an_async_tool() => Assert.True(Compiled.Value.Call<bool>("TokenReachesTheTool"));

    [Fact]
    public void A_callers_single_threaded_context_does_not_deadlock_dispatch_or_golden_runs() =>
        Assert.Null(Compiled.Value.Call<string?>("UnderBlockingContext"));

    [Fact]
    public void Async_task_bodies_await_async_tools_and_load_with_their_sub_answers()
    {
        Assert.Equal(
            "remote/RemoteTasks.BookAndCancel MultiHop | book_async{\"guest\":\"Ada\"}=BK-3 | cancel_async{\"id\":\"BK-3\"}=Cancelled BK-3 | Cancelled BK-3"
            + " || remote/RemoteTasks.BookForBo SingleHop | book_async{\"guest\":\"Bo\"}={\"id\":\"BK-2\",\"guest\":\"Bo\"} | {\"id\":\"BK-2\",\"guest\":\"Bo\"}",
            Compiled.Value.Call<string>("Loaded"));
    }

    [Fact]
    public async Task An_async_tool_that_runs_past_the_timeout_times_out_and_sees_its_token_cancelled() =>
        Assert.Equal("Timeout True", await Compiled.Value.Call<Task<string>>("Timeout"));
}
