using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ToolRL.Server.Workers;

namespace ToolRL.Server.Tests.Support;

/// <summary>A real server on 127.0.0.1 with an ephemeral port, and an HttpClient pointed at it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(EnvironmentServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = new Uri(server.Addresses[0]), Timeout = TimeSpan.FromSeconds(60) };
    }

    public EnvironmentServer Server { get; }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    public static async Task<TestServer> StartAsync(ServerOptions? options = null)
    {
        options ??= new ServerOptions();
        options = options with { Urls = "http://127.0.0.1:0" };
        return new TestServer(await EnvironmentServer.StartAsync(ServedTestEnvironments.All, options, logToConsole: false));
    }

    /// <summary>Options for a server whose tools run in worker processes started from this test assembly.</summary>
    public static ServerOptions WithWorkers(int count) => new()
    {
        Workers = count,
        WorkerLaunch = new WorkerLaunch("dotnet", [typeof(TestServer).Assembly.Location, "serve", "--as-worker"]),
    };

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? session = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (session is not null)
            request.Headers.Add("X-Session-ID", session);
        return Client.SendAsync(request);
    }

    public async Task<JsonElement> PostOkAsync(string path, string json, string? session = null)
    {
        using var response = await PostJsonAsync(path, json, session);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetOkAsync(string path, string? session = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session is not null)
            request.Headers.Add("X-Session-ID", session);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An ORS session with an episode of <paramref name="taskId"/>: /create_session then /create.</summary>
    public async Task<string> NewEpisodeAsync(string environment, string taskId)
    {
        var sid = (await PostOkAsync("/create_session", "")).GetProperty("sid").GetString()!;
        await PostOkAsync("/create", "{\"env_name\": \"" + environment + "\", \"task_spec\": {\"id\": \"" + taskId + "\"}}", sid);
        return sid;
    }

    /// <summary>POST /{env}/call and parse the SSE stream as the ORS client does: task_id, chunks, end.</summary>
    public async Task<JsonElement> CallAsync(string environment, string session, string tool, string inputJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{environment}/call")
        {
            Content = new StringContent($$"""{"name": "{{tool}}", "input": {{inputJson}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Session-ID", session);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"call {tool}: {(int)response.StatusCode} {text}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(Sse.Result(text)).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Reads an ORS SSE body the way the ORS Python client does (its resumable_sse).</summary>
public static class Sse
{
    public static string Result(string body)
    {
        var chunks = new StringBuilder();
        string? ev = null;
        var sawTaskId = false;
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                ev = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = line["data: ".Length..];
                if (ev == "task_id")
                    sawTaskId = true;
                else if (ev is "chunk" or "end")
                    chunks.Append(data);
                if (ev == "end")
                {
                    Assert.True(sawTaskId, "the stream must start with a task_id event");
                    return chunks.ToString();
                }
            }
        }
        throw new Xunit.Sdk.XunitException("the SSE stream has no end event: " + body);
    }
}
