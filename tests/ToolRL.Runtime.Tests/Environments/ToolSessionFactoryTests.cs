using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Runtime.Tests.Scenario;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Environments;

/// <summary>Sessions over a plain dispatcher (what constructed environments use) take the generated environments' path.</summary>
[Collection(TimingCollection.Name)]
public sealed class ToolSessionFactoryTests
{
    private static readonly ToolDefinition[] Tools = [new("echo", "Echoes its text.", """{"type":"object","properties":{"text":{"type":"string"}}}""")];

    private sealed class State : IDisposable
    {
        public bool Disposed;
        public void Dispose() => Disposed = true;
    }

    private static ToolResult Echo(string name, JsonElement arguments, CancellationToken token) => arguments.GetProperty("text").GetString() switch
    {
        "missing" => throw new NoRecordException("no record of that"),
        "spin" => Spin(token),
        var text => ToolResult.Ok(text ?? ""),
    };

    private static ToolResult Spin(CancellationToken token)
    {
        token.WaitHandle.WaitOne(TimeSpan.FromSeconds(20));
        token.ThrowIfCancellationRequested();
        return ToolResult.Ok("late");
    }

    [Fact]
    public async Task A_dispatcher_session_validates_runs_and_disposes_its_state()
    {
        var factory = new ToolSessionFactory("echoes", Tools);
        var state = new State();
        var session = factory.Open(Echo, state);

        Assert.Equal(ToolResult.Ok("hi"), await session.ExecuteAsync(new ToolCall("echo", """{"text":"hi"}""")));
        Assert.Equal(ToolFeedback.UnknownTool("shout"), await session.ExecuteAsync(new ToolCall("shout", """{"text":"hi"}""")));
        Assert.Equal(new ToolResult(ToolOutcome.NoRecord, "no record of that"), await session.ExecuteAsync(new ToolCall("echo", """{"text":"missing"}""")));
        Assert.True(factory.HasTool("echo"));
        Assert.False(state.Disposed);
        session.Dispose();
        Assert.True(state.Disposed);
    }

    [Fact]
    public async Task A_dispatcher_past_the_timeout_gets_the_timeout_feedback()
    {
        var factory = new ToolSessionFactory("echoes", Tools, new ToolEnvironmentOptions { CallTimeout = TimeSpan.FromMilliseconds(200) });
        using var session = factory.Open(Echo);
        var result = await session.ExecuteAsync(new ToolCall("echo", """{"text":"spin"}"""));
        Assert.Equal(ToolFeedback.Timeout("echo", TimeSpan.FromMilliseconds(200)), result);
    }

    [Fact]
    public async Task A_dispatcher_session_gives_the_same_feedback_as_a_generated_environment_for_the_same_bad_call()
    {
        var generated = TestEnvironments.Create();
        var factory = new ToolSessionFactory(generated.Name, generated.Tools, generated.Options);
        using var plain = factory.Open((name, arguments, token) => throw new InvalidOperationException("never called"));
        using var typed = generated.OpenSession();
        foreach (var call in new[] { new ToolCall("nope", "{}"), new ToolCall("get_capital", "[1]"), new ToolCall("get_capital", "{") })
            Assert.Equal(await typed.ExecuteAsync(call), await plain.ExecuteAsync(call));
    }

    [Fact]
    public void Bad_limits_and_a_missing_dispatcher_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ToolSessionFactory("echoes", Tools, new ToolEnvironmentOptions { MaxArgumentsLength = 0 }));
        Assert.Contains("MaxArgumentsLength", error.Message);
        Assert.Throws<ArgumentNullException>(() => new ToolSessionFactory("echoes", Tools).Open(null!));
    }

    [Fact]
    public void Invoke_outside_a_session_maps_exceptions_like_a_session()
    {
        using var doc = JsonDocument.Parse("""{"text":"missing"}""");
        Assert.Equal(ToolOutcome.NoRecord, ToolSessionFactory.Invoke(Echo, "echo", doc.RootElement).Outcome);
        Assert.Equal(ToolFeedback.Exception("echo", new InvalidOperationException("boom")),
            ToolSessionFactory.Invoke((_, _, _) => throw new InvalidOperationException("boom"), "echo", doc.RootElement));
        Assert.Equal(ToolFeedback.Cancelled("echo"),
            ToolSessionFactory.Invoke((_, _, t) => { t.ThrowIfCancellationRequested(); return ToolResult.Ok(""); }, "echo", doc.RootElement, new CancellationToken(true)));
    }
}
