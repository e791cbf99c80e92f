using System.Diagnostics;
using ToolRL.Environments;
using ToolRL.Runtime.Tests.Scenario;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Environments;

[Collection(TimingCollection.Name)]
public sealed class ToolSessionTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_tool_sleeping_past_the_timeout_yields_timeout_feedback_within_timeout_plus_one_second()
    {
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = ShortTimeout });
        using var session = env.OpenSession();
        var watch = Stopwatch.StartNew();
        var result = await session.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 2500}"));
        watch.Stop();

        Assert.Equal(ToolOutcome.Timeout, result.Outcome);
        Assert.Equal("an error occured when call sleep: the call ran past its time limit", result.Text);
        Assert.True(watch.Elapsed < ShortTimeout + TimeSpan.FromSeconds(1), $"returned after {watch.Elapsed}");
    }

    [Fact]
    public async Task The_session_keeps_working_after_a_timeout()
    {
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = ShortTimeout });
        using var session = env.OpenSession();
        var first = await session.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 2000}"));
        var second = await session.ExecuteAsync(new ToolCall("get_capital", "{\"country\": \"Italy\"}"));
        Assert.Equal(ToolOutcome.Timeout, first.Outcome);
        Assert.Equal(ToolResult.Ok("Rome"), second);
    }

    [Fact]
    public async Task Sessions_opened_after_others_closed_run_their_own_calls_on_their_own_state()
    {
        // A closed session's idle call slot goes to the next session; one whose tool timed out must not.
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = ShortTimeout });
        using (var timedOut = env.OpenSession())
            Assert.Equal(ToolOutcome.Timeout, (await timedOut.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 1500}"))).Outcome);
        for (var i = 0; i < 20; i++)
        {
            using var session = env.OpenSession();
            Assert.Equal(ToolResult.Ok("1"), await session.ExecuteAsync(new ToolCall("add_to_cart", $"{{\"item\": \"x{i}\"}}")));
            Assert.Equal(ToolResult.Ok($"x{i}"), await session.ExecuteAsync(new ToolCall("list_cart", "{}")));
        }
    }

    [Fact]
    public async Task A_cooperative_tool_sees_its_token_cancelled_on_timeout()
    {
        var world = new TestWorld();
        var env = new ToolEnvironment<ITestTools>(new TestScenario(), () => world, new ToolEnvironmentOptions { CallTimeout = ShortTimeout });
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("wait_for_cancel", "{\"milliseconds\": 20000}"));
        Assert.Equal(ToolOutcome.Timeout, result.Outcome);
        var observed = await Task.WhenAny(world.ObservedCancellation.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(world.ObservedCancellation.Task, observed);
    }

    [Fact]
    public async Task Caller_cancellation_yields_cancelled_feedback()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var result = await session.ExecuteAsync(new ToolCall("sleep", "{\"milliseconds\": 2500}"), cts.Token);
        Assert.Equal(ToolOutcome.Cancelled, result.Outcome);
        Assert.Equal("an error occured when call sleep: the call was cancelled", result.Text);

        var already = await session.ExecuteAsync(new ToolCall("get_capital", "{\"country\": \"Italy\"}"), new CancellationToken(true));
        Assert.Equal(ToolOutcome.Cancelled, already.Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_throwing_tool_yields_exception_feedback(bool infiniteTimeout)
    {
        var env = TestEnvironments.Create(infiniteTimeout ? new ToolEnvironmentOptions { CallTimeout = Timeout.InfiniteTimeSpan } : null);
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("fail", "{\"message\": \"disk on fire\"}"));
        Assert.Equal(new ToolResult(ToolOutcome.ToolError, "an error occured when call fail: disk on fire"), result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_exception_whose_message_getter_throws_yields_feedback_with_its_type_name(bool infiniteTimeout)
    {
        // Before the fix the throwing getter escaped from a pool thread and aborted the test host (exit 134).
        var env = TestEnvironments.Create(infiniteTimeout ? new ToolEnvironmentOptions { CallTimeout = Timeout.InfiniteTimeSpan } : null);
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("fail", "{\"message\": \"unprintable\"}"));
        Assert.Equal(new ToolResult(ToolOutcome.ToolError, "an error occured when call fail: UnprintableException"), result);
    }

    [Theory]
    [InlineData("", "the text is not valid JSON")]
    [InlineData("{\"country\": ", "the text is not valid JSON")]
    [InlineData("{'country': 'France'}", "the text is not valid JSON")]
    [InlineData("[\"France\"]", "got an array")]
    [InlineData("true", "got a boolean")]
    [InlineData("null", "got null")]
    public async Task Arguments_that_are_not_a_json_object_get_feedback_naming_the_problem(string args, string detail)
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("get_capital", args));
        Assert.Equal(ToolOutcome.InvalidArguments, result.Outcome);
        Assert.StartsWith("an error occured when call get_capital: arguments must be a JSON object (", result.Text);
        Assert.Contains(detail, result.Text);
    }

    [Fact]
    public async Task Unknown_tool_feedback_shortens_huge_names()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall(new string('n', 100_000), "{}"));
        Assert.Equal(ToolOutcome.UnknownTool, result.Outcome);
        Assert.True(result.Text.Length < 400, $"feedback is {result.Text.Length} chars");
        Assert.Contains("no tool named 'nnnn", result.Text);
    }

    [Fact]
    public async Task Output_longer_than_the_limit_is_cut_with_a_marker_and_stays_ok()
    {
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { MaxOutputLength = 10 });
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("echo", "{\"text\": \"abcdefghijklmnop\"}"));
        Assert.Equal(ToolResult.Ok("abcdefghij\n[output truncated: 16 characters, showing the first 10]"), result);
        var exact = await session.ExecuteAsync(new ToolCall("echo", "{\"text\": \"abcdefghij\"}"));
        Assert.Equal(ToolResult.Ok("abcdefghij"), exact);
    }

    [Fact]
    public async Task Truncation_never_splits_a_surrogate_pair()
    {
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { MaxOutputLength = 4 });
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("echo", "{\"text\": \"abc🌍def\"}"));
        Assert.StartsWith("abc\n[output truncated: 8 characters, showing the first 3]", result.Text);
    }

    [Fact]
    public async Task Arguments_over_the_length_limit_are_rejected_unparsed()
    {
        var env = TestEnvironments.Create(new ToolEnvironmentOptions { MaxArgumentsLength = 20 });
        using var session = env.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall("get_capital", "{\"country\": \"France and more\"}"));
        Assert.Equal(new ToolResult(ToolOutcome.InvalidArguments,
            "an error occured when call get_capital: the arguments are longer than the environment's limit"), result);
    }

    [Fact]
    public async Task Two_concurrent_sessions_never_share_state()
    {
        var env = TestEnvironments.Create();
        async Task<string> FillCart(string prefix)
        {
            using var session = env.OpenSession();
            for (var i = 0; i < 50; i++)
            {
                var count = await session.ExecuteAsync(new ToolCall("add_to_cart", $"{{\"item\": \"{prefix}{i}\"}}"));
                Assert.Equal((i + 1).ToString(), count.Text);
                await Task.Yield();
            }
            return (await session.ExecuteAsync(new ToolCall("list_cart", "{}"))).Text;
        }

        var results = await Task.WhenAll(Task.Run(() => FillCart("a")), Task.Run(() => FillCart("b")));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a{i}"), results[0].Split(';'));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"b{i}"), results[1].Split(';'));
    }

    [Fact]
    public async Task A_disposed_session_refuses_calls()
    {
        var env = TestEnvironments.Create();
        var session = env.OpenSession();
        session.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ExecuteAsync(new ToolCall("list_cart", "{}")).AsTask());
    }
}
