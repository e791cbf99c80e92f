using System.Net;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Workers;

/// <summary>
/// A tool that recurses until the stack overflows takes down only the worker process running it: the worker is
/// restarted, that worker's sessions get a clear error, and sessions on the other worker go on with their state.
/// </summary>
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task A_stack_overflow_kills_one_worker_whose_sessions_fail_clearly_while_the_others_go_on()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithWorkers(2));
        var pids = server.Server.WorkerProcessIds.ToArray();
        // Sessions are spread round-robin: a on worker 0, b on worker 1.
        var a = await server.NewEpisodeAsync("test", "test/FirstCartItem");
        var b = await server.NewEpisodeAsync("test", "test/FirstCartItem");
        var crasher = await server.NewEpisodeAsync("crash", "crash/EchoHello"); // worker 0 again
        await server.CallAsync("test", a, "add_to_cart", """{"item": "apple"}""");
        await server.CallAsync("test", b, "add_to_cart", """{"item": "book"}""");

        var crash = await server.CallAsync("crash", crasher, "recurse", """{"depth": 0}""");
        Assert.False(crash.GetProperty("ok").GetBoolean());
        var error = crash.GetProperty("error").GetString()!;
        Assert.Contains($"pid {pids[0]}", error);
        Assert.Contains("exited with code", error);
        Assert.Contains("start a new one", error);

        // The crashed worker's sessions: 410 with the reason, on every later request.
        using (var lost = await server.PostJsonAsync("/crash/call", """{"name": "echo", "input": {"text": "hi"}}""", crasher))
        {
            Assert.Equal(HttpStatusCode.Gone, lost.StatusCode);
            Assert.Contains("exited with code", await lost.Content.ReadAsStringAsync());
        }
        var onDeadWorker = await server.CallAsync("test", a, "list_cart", "{}");
        Assert.False(onDeadWorker.GetProperty("ok").GetBoolean());

        // The other worker's session kept its state.
        var kept = await server.CallAsync("test", b, "list_cart", "{}");
        Assert.Equal("book", kept.GetProperty("output").GetProperty("blocks")[0].GetProperty("text").GetString());

        // The dead worker was replaced: new sessions on its slot work.
        await WaitUntil(() => server.Server.WorkerRestarts == 1);
        Assert.DoesNotContain(pids[0], server.Server.WorkerProcessIds);
        Assert.Contains(pids[1], server.Server.WorkerProcessIds);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var fresh = await server.NewEpisodeAsync("crash", "crash/EchoHello");
            var echo = await server.CallAsync("crash", fresh, "echo", """{"text": "hello"}""");
            Assert.Equal(1.0, echo.GetProperty("output").GetProperty("reward").GetDouble());
        }
    }

    [Fact]
    public async Task A_scored_turn_that_crashes_its_worker_gets_an_error_and_scoring_goes_on()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithWorkers(1));
        var crash = await server.PostOkAsync("/v1/score",
            """{"environment": "crash", "task_id": "crash/EchoHello", "response": "<tool_call>{\"name\": \"recurse\", \"arguments\": {\"depth\": 0}}</tool_call>"}""");
        Assert.Contains("exited with code", crash.GetProperty("error").GetString());
        Assert.False(crash.TryGetProperty("reward", out _));
        await WaitUntil(() => server.Server.WorkerRestarts == 1);
        var ok = await server.PostOkAsync("/v1/score",
            """{"environment": "crash", "task_id": "crash/EchoHello", "response": "<tool_call>{\"name\": \"echo\", \"arguments\": {\"text\": \"hello\"}}</tool_call>"}""");
        Assert.Equal(1.0, ok.GetProperty("reward").GetDouble());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), "timed out waiting");
    }
}
