using System.Diagnostics;
using ToolRL.Environments;
using ToolRL.Runtime.Tests.Scenario;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Environments;

[Collection(TimingCollection.Name)]
public sealed class ToolCallSchedulerTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Runaway_tools_past_their_timeout_do_not_starve_the_thread_pool()
    {
        // More runaways than the pool has threads (at least 32, see TimingCollection): on pool threads they left
        // later pool work waiting for the pool's slow thread injection (the fault campaign saw 27 s; here > 1 s).
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var runaways = Math.Max(minWorkers, ThreadPool.ThreadCount) + 64;
        var scheduler = new ToolCallScheduler(runaways + 8);
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = ShortTimeout, Scheduler = scheduler });
        var sessions = Enumerable.Range(0, runaways).Select(_ => env.OpenSession()).ToArray();
        try
        {
            var results = await Task.WhenAll(sessions.Select(s => s.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 8000}")).AsTask()));
            Assert.All(results, r => Assert.Equal(ToolOutcome.Timeout, r.Outcome));
            Assert.Equal(runaways, scheduler.AbandonedRunning);

            // Pool work queued from outside (not a tool call) now starts at once.
            var watch = Stopwatch.StartNew();
            var started = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() =>
            {
                var at = watch.Elapsed;
                Thread.Sleep(250); // keep the thread, so each item needs its own
                return at;
            })));
            var latest = started.Max();
            Assert.True(latest < TimeSpan.FromSeconds(1), $"the last pool item started after {latest} (pool threads {ThreadPool.ThreadCount}, min {minWorkers}, runaways {runaways})");

            // And a well-behaved call still answers.
            using var fresh = env.OpenSession();
            Assert.Equal(ToolResult.Ok("Rome"), await fresh.ExecuteAsync(new ToolCall("get_capital", "{\"country\": \"Italy\"}")));
        }
        finally
        {
            foreach (var s in sessions)
                s.Dispose();
        }
    }

    [Fact]
    public async Task When_abandoned_calls_hold_every_thread_a_call_is_refused_with_a_clear_error_and_counted()
    {
        var scheduler = new ToolCallScheduler(2);
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = ShortTimeout, Scheduler = scheduler });
        using var a = env.OpenSession();
        using var b = env.OpenSession();
        using var c = env.OpenSession();
        var first = await Task.WhenAll(
            a.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 1500}")).AsTask(),
            b.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 1500}")).AsTask());
        Assert.All(first, r => Assert.Equal(ToolOutcome.Timeout, r.Outcome));
        Assert.Equal(2, scheduler.AbandonedRunning);
        Assert.Equal(2, scheduler.AbandonedTotal);

        var refused = await c.ExecuteAsync(new ToolCall("get_capital", "{\"country\": \"Italy\"}"));
        Assert.Equal(new ToolResult(ToolOutcome.ToolError,
            "an error occured when call get_capital: the call was refused: every tool thread is held by earlier calls that timed out and are still running"),
            refused);
        Assert.Equal(1, scheduler.Refused);

        // Once the runaways return, their threads serve calls again.
        var deadline = Stopwatch.StartNew();
        while (scheduler.AbandonedRunning > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Equal(0, scheduler.AbandonedRunning);
        Assert.Equal(ToolResult.Ok("Rome"), await c.ExecuteAsync(new ToolCall("get_capital", "{\"country\": \"Italy\"}")));
        Assert.True(scheduler.Threads <= 2, $"{scheduler.Threads} threads");
    }

    [Fact]
    public async Task Calls_beyond_the_thread_cap_wait_in_the_queue_and_all_complete()
    {
        var scheduler = new ToolCallScheduler(2);
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = TimeSpan.FromSeconds(20), Scheduler = scheduler });
        var sessions = Enumerable.Range(0, 12).Select(_ => env.OpenSession()).ToArray();
        var results = await Task.WhenAll(sessions.Select((s, i) => Task.Run(async () =>
        {
            var text = "";
            for (var k = 0; k < 20; k++)
                text = (await s.ExecuteAsync(new ToolCall("add_to_cart", $"{{\"item\": \"x{i}\"}}"))).Text;
            return text;
        })));
        Assert.All(results, r => Assert.Equal("20", r));
        Assert.True(scheduler.Threads <= 2, $"{scheduler.Threads} threads");
        Assert.Equal(0, scheduler.AbandonedTotal);
        foreach (var s in sessions)
            s.Dispose();
    }
}
