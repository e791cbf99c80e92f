using System.Net;
using System.Text;
using System.Text.Json;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Http;

/// <summary>Every bad request gets a clear 4xx JSON error ({"detail": ...}) and the server goes on.</summary>
public sealed class BadRequestTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
        // The server still answers afterwards.
        Assert.Equal("ok", (await _server.GetOkAsync("/health")).GetProperty("status").GetString());
        return detail;
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var sid = await _server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        var detail = await ExpectAsync(await _server.PostJsonAsync("/test/call", "{\"name\": \"get_capital\", ", sid), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/v1/score", "[1, 2]"), HttpStatusCode.BadRequest);
        Assert.Contains("must be a JSON object", detail);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        var content = new ByteArrayContent([(byte)'{', 0xff, 0xfe, (byte)'}']);
        var detail = await ExpectAsync(await _server.Client.PostAsync("/v1/score", content), HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", detail);
    }

    [Fact]
    public async Task A_ten_megabyte_body_is_413()
    {
        var body = "{\"response\": \"" + new string('x', 10 * 1024 * 1024) + "\"}";
        // As curl and other clients send large bodies: Expect: 100-continue, so the 413 arrives before the body is sent.
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/score") { Content = new StringContent(body) };
        request.Headers.ExpectContinue = true;
        var detail = await ExpectAsync(await _server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("--max-body-bytes", detail);
    }

    [Fact]
    public async Task An_unknown_or_missing_session_is_404_or_400()
    {
        var detail = await ExpectAsync(await _server.PostJsonAsync("/test/call", """{"name": "echo", "input": {}}""", "no-such-session"), HttpStatusCode.NotFound);
        Assert.Contains("no-such-session", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/test/call", """{"name": "echo", "input": {}}"""), HttpStatusCode.BadRequest);
        Assert.Contains("X-Session-ID", detail);
        var sid = (await _server.PostOkAsync("/create_session", "")).GetProperty("sid").GetString()!;
        detail = await ExpectAsync(await _server.PostJsonAsync("/test/call", """{"name": "echo", "input": {}}""", sid), HttpStatusCode.Conflict);
        Assert.Contains("POST /create", detail);
    }

    [Fact]
    public async Task An_unknown_environment_task_split_or_endpoint_is_named()
    {
        var detail = await ExpectAsync(await _server.Client.GetAsync("/nowhere/tools"), HttpStatusCode.NotFound);
        Assert.Contains("unknown environment 'nowhere'", detail);
        Assert.Contains("'test', 'crash'", detail);
        var sid = (await _server.PostOkAsync("/create_session", "")).GetProperty("sid").GetString()!;
        detail = await ExpectAsync(await _server.PostJsonAsync("/create", """{"env_name": "test", "task_spec": {"id": "test/Nope"}}""", sid), HttpStatusCode.NotFound);
        Assert.Contains("test/Nope", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/test/tasks", """{"split": "validation"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("'validation'", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/test/task", """{"split": "train", "index": 100000}"""), HttpStatusCode.BadRequest);
        Assert.Contains("out of range", detail);
        detail = await ExpectAsync(await _server.Client.DeleteAsync("/health"), HttpStatusCode.NotFound);
        Assert.Contains("no endpoint", detail);
    }

    [Fact]
    public async Task An_unknown_tool_is_feedback_to_the_model_not_a_failed_request()
    {
        var sid = await _server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        var result = await _server.CallAsync("test", sid, "get_population", """{"country": "France"}""");
        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal("unknown_tool", result.GetProperty("output").GetProperty("metadata").GetProperty("outcome").GetString());
        Assert.Equal(0.0, result.GetProperty("output").GetProperty("reward").GetDouble());
    }

    [Fact]
    public async Task A_score_item_with_a_missing_or_mistyped_field_is_400_naming_it()
    {
        var detail = await ExpectAsync(await _server.PostJsonAsync("/v1/score", """{"items": [{"environment": "test", "task_id": "test/CapitalOfFrance", "response": "x"}, {"environment": "test", "response": "x"}]}"""), HttpStatusCode.BadRequest);
        Assert.Contains("items[1]", detail);
        Assert.Contains("task_id", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/v1/score", """{"environment": "test", "task_id": "test/CapitalOfFrance", "response": 5}"""), HttpStatusCode.BadRequest);
        Assert.Contains("\"response\"", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/v1/score", """{"environment": "test", "task_id": "test/CapitalOfFrance", "response": "x", "variant": "f2"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("variant", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/v1/score", """{"environment": "test", "unsolved_set": {"get_capital": [1]}, "gold_answer": "Paris", "response": "x"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("unsolved_set", detail);
        detail = await ExpectAsync(await _server.PostJsonAsync("/v1/score", """{"task_id": "test/CapitalOfFrance", "response": "x"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("name the environment", detail);
    }

    [Fact]
    public async Task Random_bytes_never_cause_a_5xx()
    {
        var random = new Random(7);
        var sid = await _server.NewEpisodeAsync("test", "test/CapitalOfFrance");
        string[] paths = ["/v1/score", "/test/call", "/test/turn", "/create", "/test/tasks"];
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            var text = random.Next(2) == 0 ? Encoding.Latin1.GetString(bytes) : "{\"response\": \"" + Encoding.Latin1.GetString(bytes) + "\"}";
            var request = new HttpRequestMessage(HttpMethod.Post, paths[i % paths.Length]) { Content = new StringContent(text) };
            request.Headers.Add("X-Session-ID", sid);
            using var response = await _server.Client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{paths[i % paths.Length]} {text}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
