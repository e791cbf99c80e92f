using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Ors;

/// <summary>POST /{env}/turn: a whole assistant turn per request, scored as Episode.StepAsync scores it.</summary>
public sealed class WholeTurnTests
{
    [Fact]
    public async Task A_hermes_turn_runs_every_call_and_returns_the_step_reward_and_tool_messages()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithWorkers(1));
        var sid = await server.NewEpisodeAsync("test", "test/WeatherInTwoCapitals");
        var text = "Let me look.\n<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"France\"}}\n</tool_call>\n"
            + "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"Narnia\"}}\n</tool_call>";
        var turn = await server.PostOkAsync("/test/turn", "{\"response\": " + ToolRL.Json.Quote(text) + "}", sid);
        // Two calls, one solved: F1 = 2·1/(2+1).
        Assert.Equal(2.0 / 3, turn.GetProperty("reward").GetDouble(), 12);
        Assert.Equal(1, turn.GetProperty("solved").GetInt32());
        Assert.False(turn.GetProperty("finished").GetBoolean());
        Assert.Equal("Let me look.", turn.GetProperty("content").GetString());
        var calls = turn.GetProperty("calls").EnumerateArray().ToArray();
        Assert.Equal(["Paris", "no capital known for Narnia"], calls.Select(c => c.GetProperty("feedback").GetString()!).ToArray());
        Assert.Equal([true, false], calls.Select(c => c.GetProperty("solved").GetBoolean()).ToArray());
        var messages = turn.GetProperty("tool_messages").EnumerateArray().ToArray();
        Assert.All(messages, m => Assert.Equal("tool", m.GetProperty("role").GetString()));
        Assert.Equal("Paris", messages[0].GetProperty("content").GetString());

        // The final answer, as an OpenAI-style message without calls, ends the episode: 1/(1+3 unsolved).
        var answer = await server.PostOkAsync("/test/turn", """{"content": "Sunny 21 C, Rain 15 C"}""", sid);
        Assert.Equal(0.25, answer.GetProperty("reward").GetDouble());
        Assert.True(answer.GetProperty("finished").GetBoolean());
        Assert.Equal("answered", answer.GetProperty("end_reason").GetString());
        using var late = await server.PostJsonAsync("/test/turn", """{"content": "again"}""", sid);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Openai_style_calls_keep_their_ids_in_the_tool_messages()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        var sid = await server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        var turn = await server.PostOkAsync("/test/turn",
            """{"content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_capital", "arguments": "{\"country\": \"France\"}"}}, {"id": "call_2", "function": {"arguments": "{}"}}]}""", sid);
        Assert.Equal(2.0 / 3, turn.GetProperty("reward").GetDouble(), 12);
        var messages = turn.GetProperty("tool_messages").EnumerateArray().ToArray();
        Assert.Equal(["call_1", "call_2"], messages.Select(m => m.GetProperty("tool_call_id").GetString()!).ToArray());
        Assert.Equal("unknown_tool", turn.GetProperty("calls")[1].GetProperty("outcome").GetString()); // a nameless call is model output
    }
}
