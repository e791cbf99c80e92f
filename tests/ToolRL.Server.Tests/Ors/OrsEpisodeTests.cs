using System.Net;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Ors;

/// <summary>ORS sessions: one session is one episode, each call is a turn scored with the paper's reward.</summary>
public sealed class OrsEpisodeTests
{
    [Fact]
    public async Task A_session_runs_one_episode_with_the_papers_rewards()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        var sid = await server.NewEpisodeAsync("test", "test/WeatherInCapitalOfJapan");
        var prompt = (await server.GetOkAsync("/test/prompt", sid)).EnumerateArray().Single();
        Assert.Equal("text", prompt.GetProperty("type").GetString());
        Assert.Equal("What is the weather in the capital of Japan?", prompt.GetProperty("text").GetString());

        // A call that solves a sub-question: one-call F1 = 2·1/(1+1) = 1.
        var first = await server.CallAsync("test", sid, "get_capital", """{"country": "Japan"}""");
        Assert.True(first.GetProperty("ok").GetBoolean());
        var output = first.GetProperty("output");
        Assert.Equal("Tokyo", output.GetProperty("blocks")[0].GetProperty("text").GetString());
        Assert.Equal(1.0, output.GetProperty("reward").GetDouble());
        Assert.False(output.GetProperty("finished").GetBoolean());

        // A call that solves nothing: 0; a tool error comes back as feedback text, not as a failed request.
        var miss = await server.CallAsync("test", sid, "fail", """{"message": "boom"}""");
        Assert.Equal(0.0, miss.GetProperty("output").GetProperty("reward").GetDouble());
        Assert.Contains("boom", miss.GetProperty("output").GetProperty("blocks")[0].GetProperty("text").GetString());
        Assert.Equal("tool_error", miss.GetProperty("output").GetProperty("metadata").GetProperty("outcome").GetString());

        // The final answer with one sub-question left unsolved: 1/(1+1), and the episode finishes.
        var answer = await server.CallAsync("test", sid, "submit_answer", """{"answer": "It is Rain 15 C in Tokyo."}""");
        Assert.Equal(0.5, answer.GetProperty("output").GetProperty("reward").GetDouble());
        Assert.True(answer.GetProperty("output").GetProperty("finished").GetBoolean());

        var after = await server.CallAsync("test", sid, "get_capital", """{"country": "Japan"}""");
        Assert.False(after.GetProperty("ok").GetBoolean());
        Assert.Contains("finished", after.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Create_session_answers_as_sse_when_asked_as_the_ors_client_does()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        var request = new HttpRequestMessage(HttpMethod.Post, "/create_session");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("event: task_id\ndata: ", body);
        var sid = System.Text.Json.JsonDocument.Parse(Sse.Result(body)).RootElement.GetProperty("sid").GetString()!;
        // The client then creates the episode by split and index, without naming the environment: the first one.
        await server.PostOkAsync("/create", """{"split": "train", "index": 0}""", sid);
        Assert.Single((await server.GetOkAsync("/test/prompt", sid)).EnumerateArray());
        await server.PostOkAsync("/ping", "", sid);
        await server.PostOkAsync("/delete", "", sid);
        using var gone = await server.PostJsonAsync("/ping", "", sid);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Sixty_four_concurrent_sessions_of_a_stateful_environment_never_see_each_others_state()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithWorkers(2));
        var sessions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => server.NewEpisodeAsync("test", "test/FirstCartItem")));
        await Task.WhenAll(sessions.Select(async (sid, i) =>
        {
            for (var k = 0; k < 3; k++)
                await server.CallAsync("test", sid, "add_to_cart", $$"""{"item": "s{{i}}-{{k}}"}""");
        }));
        var carts = await Task.WhenAll(sessions.Select(sid => server.CallAsync("test", sid, "list_cart", "{}")));
        for (var i = 0; i < sessions.Length; i++)
            Assert.Equal($"s{i}-0;s{i}-1;s{i}-2", carts[i].GetProperty("output").GetProperty("blocks")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Idle_sessions_expire()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0, SessionIdleTimeout = TimeSpan.FromMilliseconds(300) });
        var sid = await server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        var kept = await server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(100);
            await server.PostOkAsync("/ping", "", kept); // pinging keeps a session alive
        }
        using var response = await server.PostJsonAsync("/ping", "", sid);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        await server.PostOkAsync("/ping", "", kept);
    }

    [Fact]
    public async Task Beyond_the_session_cap_new_sessions_get_503_and_live_ones_stay()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0, MaxSessions = 2 });
        var a = await server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        var b = await server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        using var refused = await server.PostJsonAsync("/create_session", "");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("maximum of 2 live sessions", await refused.Content.ReadAsStringAsync());
        await server.PostOkAsync("/ping", "", a);
        await server.PostOkAsync("/ping", "", b);
        await server.PostOkAsync("/delete_session", "", a);
        await server.PostOkAsync("/create_session", ""); // room again
    }
}
