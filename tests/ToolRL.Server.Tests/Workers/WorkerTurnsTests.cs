using System.IO.Pipelines;
using System.Text;
using ToolRL.Server.Tests.Support;
using ToolRL.Server.Workers;
using ToolRL.Tools;

namespace ToolRL.Server.Tests.Workers;

/// <summary>The worker side of a batched <c>turns</c> message, over in-memory pipes (no process).</summary>
public sealed class WorkerTurnsTests
{
    private static readonly ToolCall[] NoCalls = [];

    [Fact]
    public async Task Each_turn_runs_its_calls_in_order_on_its_own_fresh_session_and_the_batch_answers_in_one_line()
    {
        var toWorker = new Pipe();
        var fromWorker = new Pipe();
        using var input = new StreamReader(toWorker.Reader.AsStream(), new UTF8Encoding(false));
        var output = new StreamWriter(fromWorker.Writer.AsStream(), new UTF8Encoding(false));
        var worker = WorkerHost.RunAsync(ServedTestEnvironments.All, input, output, CancellationToken.None);
        using var replies = new StreamReader(fromWorker.Reader.AsStream(), new UTF8Encoding(false));
        await using var send = new StreamWriter(toWorker.Writer.AsStream(), new UTF8Encoding(false)) { AutoFlush = true };
        Assert.Equal(WorkerProtocol.Ready, await replies.ReadLineAsync());

        IReadOnlyList<ToolCall>[] turns =
        [
            [new("add_to_cart", """{"item": "a"}"""), new("add_to_cart", """{"item": "b"}"""), new("list_cart", "{}")],
            [new("list_cart", "{}")],
            [new("no_such_tool", "{}")],
            NoCalls,
        ];
        await send.WriteLineAsync(WorkerProtocol.Turns(7, "test", turns));
        Assert.True(WorkerProtocol.TryReadReply((await replies.ReadLineAsync())!, out var id, out var reply));
        Assert.Equal(7, id);
        Assert.True(WorkerProtocol.TryReadTurnResults(reply, turns, out var results));
        Assert.Equal(new[] { "1", "2", "a;b" }, results[0].Select(r => r.Text));
        Assert.All(results[0], r => Assert.True(r.IsOk));
        Assert.DoesNotContain("a", results[1][0].Text); // a fresh session: the first turn's cart is not there
        Assert.Equal(ToolOutcome.UnknownTool, results[2][0].Outcome);
        Assert.Empty(results[3]);

        // A reply for other turns than were sent is not accepted; an environment the worker lacks answers every call.
        Assert.False(WorkerProtocol.TryReadTurnResults(reply, turns[..2], out _));
        IReadOnlyList<ToolCall>[] elsewhere = [[new("echo", """{"text": "hi"}""")]];
        await send.WriteLineAsync(WorkerProtocol.Turns(8, "missing", elsewhere));
        Assert.True(WorkerProtocol.TryReadReply((await replies.ReadLineAsync())!, out _, out var missing));
        Assert.True(WorkerProtocol.TryReadTurnResults(missing, elsewhere, out var unserved));
        Assert.Contains("serves no environment named 'missing'", unserved[0][0].Text);

        await toWorker.Writer.CompleteAsync();
        await worker;
    }
}
