using System.Net;
using System.Text.Json;
using ToolRL.Conversations;
using ToolRL.Server.Chat;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Chat;

/// <summary>/v1/chat/completions and /v1/models over a scripted model: the OpenAI shapes, the request mapping, batching.</summary>
public sealed class ChatCompletionsTests
{
    private const string Tools = """[{"type": "function", "function": {"name": "get_capital", "description": "Capital of a country.", "parameters": {"type": "object", "properties": {"country": {"type": "string"}}}}}]""";

    private static Task<TestServer> Serve(ScriptedChatModel model, TimeSpan? window = null) =>
        TestServer.StartAsync(new ServerOptions { Workers = 0, ChatModel = model, ChatBatchWindow = window ?? TimeSpan.FromMilliseconds(5) });

    [Fact]
    public async Task Hermes_text_comes_back_as_openai_tool_calls_with_finish_reason_tool_calls()
    {
        var model = new ScriptedChatModel(_ => ScriptedChatModel.CapitalCall);
        await using var server = await Serve(model);
        var body = await server.PostOkAsync("/v1/chat/completions",
            $$"""{"model": "scripted", "messages": [{"role": "user", "content": "Capital of France?"}], "tools": {{Tools}}, "temperature": 0, "max_tokens": 7, "seed": 3}""");

        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("scripted", body.GetProperty("model").GetString());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("Let me look that up.", message.GetProperty("content").GetString());
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray().ToArray());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.StartsWith("call_", call.GetProperty("id").GetString());
        Assert.Equal("get_capital", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("France", JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("country").GetString());
        Assert.Equal(body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() + ScriptedChatModel.CapitalCall.Length,
            body.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var (requests, sampling) = Assert.Single(model.Calls);
        Assert.Equal(new ChatCompletionSampling(0, 1, 7, 3), sampling);
        var request = Assert.Single(requests);
        Assert.Equal("get_capital", Assert.Single(request.Tools).Name);
        Assert.Equal(ChatMessage.User("Capital of France?"), Assert.Single(request.Messages));
    }

    [Fact]
    public async Task Plain_text_stops_and_the_token_limit_is_length()
    {
        await using var server = await Serve(new ScriptedChatModel(r => r.Messages[^1].Content == "long" ? "and so on…" : "  Paris.  "));
        var stop = await server.PostOkAsync("/v1/chat/completions", """{"messages": [{"role": "user", "content": "short"}]}""");
        Assert.Equal("stop", stop.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("Paris.", stop.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.False(stop.GetProperty("choices")[0].GetProperty("message").TryGetProperty("tool_calls", out _));
        var length = await server.PostOkAsync("/v1/chat/completions", """{"messages": [{"role": "user", "content": "long"}]}""");
        Assert.Equal("length", length.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task A_conversation_with_calls_and_results_reaches_the_model_as_runtime_messages()
    {
        var model = new ScriptedChatModel(_ => "Paris.");
        await using var server = await Serve(model);
        await server.PostOkAsync("/v1/chat/completions", """
            {"messages": [
              {"role": "developer", "content": [{"type": "text", "text": "Be "}, {"type": "text", "text": "brief."}]},
              {"role": "user", "content": "Capital of France?"},
              {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "get_capital", "arguments": "{\"country\": \"France\"}"}}]},
              {"role": "tool", "tool_call_id": "c1", "content": "Paris"}
            ], "max_completion_tokens": 9, "temperature": 0.5, "top_p": 0.9}
            """);
        var (requests, sampling) = Assert.Single(model.Calls);
        Assert.Equal(new ChatCompletionSampling(0.5, 0.9, 9, null), sampling);
        var messages = Assert.Single(requests).Messages;
        Assert.Equal(ChatMessage.System("Be brief."), messages[0]);
        var call = Assert.Single(messages[2].ToolCalls!);
        // A JSON object in OpenAI's arguments string is handed on as an object, as a Hermes call's arguments are in process.
        Assert.Equal(("get_capital", "{\"country\": \"France\"}", "c1", false), (call.Name, call.ArgumentsJson, call.Id, call.ArgumentsAreString));
        Assert.Equal((ChatRoles.Tool, "Paris", "c1"), (messages[3].Role, messages[3].Content, messages[3].ToolCallId));
    }

    [Fact]
    public async Task A_stream_sends_the_role_content_calls_and_finish_reason_then_done()
    {
        await using var server = await Serve(new ScriptedChatModel(_ => ScriptedChatModel.CapitalCall));
        using var response = await server.PostJsonAsync("/v1/chat/completions",
            $$$"""{"messages": [{"role": "user", "content": "Capital?"}], "tools": {{{Tools}}}, "stream": true, "stream_options": {"include_usage": true}}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToArray();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        var deltas = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0]).ToArray();
        Assert.Equal("assistant", deltas[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("Let me look that up.", string.Concat(deltas.Select(d => d.GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : "")));
        var call = deltas.Single(d => d.GetProperty("delta").TryGetProperty("tool_calls", out _)).GetProperty("delta").GetProperty("tool_calls")[0];
        Assert.Equal((0, "get_capital"), (call.GetProperty("index").GetInt32(), call.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal("tool_calls", deltas[^1].GetProperty("finish_reason").GetString());
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Requests_that_arrive_together_share_one_model_call_grouped_by_sampling()
    {
        // A window far longer than the test: a batch runs only because it is full.
        var model = new ScriptedChatModel(r => "echo " + r.Messages[^1].Content, maxBatchSize: 3);
        await using var server = await Serve(model, TimeSpan.FromMinutes(10));
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            server.PostOkAsync("/v1/chat/completions", $$"""{"messages": [{"role": "user", "content": "q{{i}}"}], "temperature": 0}""")));
        Assert.Equal(["echo q0", "echo q1", "echo q2"], answers.Select(a => a.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal([3], server.Server.ChatBatchSizes);

        // Two that differ in sampling fill a batch but run as two calls.
        await Task.WhenAll(new[] { 0.0, 1.0, 0.0 }.Select(t =>
            server.PostOkAsync("/v1/chat/completions", $$"""{"messages": [{"role": "user", "content": "q"}], "temperature": {{t}}}""")));
        Assert.Equal([3, 2, 1], server.Server.ChatBatchSizes);
        Assert.Equal([0.0, 1.0], model.Calls.Skip(1).Select(c => c.Sampling.Temperature).Order());
    }

    [Fact]
    public async Task The_model_list_names_the_served_model_and_another_name_is_404()
    {
        await using var server = await Serve(new ScriptedChatModel(_ => ""));
        var list = await server.GetOkAsync("/v1/models");
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("scripted", Assert.Single(list.GetProperty("data").EnumerateArray().ToArray()).GetProperty("id").GetString());
        var error = await ErrorAsync(server, """{"model": "gpt-5", "messages": [{"role": "user", "content": "hi"}]}""", HttpStatusCode.NotFound);
        Assert.Contains("this server serves 'scripted'", error);
    }

    [Fact]
    public async Task Without_a_model_the_chat_endpoint_says_how_to_serve_one()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        var error = await ErrorAsync(server, """{"messages": [{"role": "user", "content": "hi"}]}""", HttpStatusCode.NotFound);
        Assert.Contains("serve --model DIR", error);
        Assert.Equal(0, (await server.GetOkAsync("/v1/models")).GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"messages\": [", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "needs \"messages\"")]
    [InlineData("{\"messages\": {}}", "\"messages\" must be an array")]
    [InlineData("{\"messages\": []}", "at least one message")]
    [InlineData("{\"messages\": [\"hi\"]}", "messages[0] must be an object")]
    [InlineData("{\"messages\": [{\"content\": \"hi\"}]}", "needs a \"role\" string")]
    [InlineData("{\"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", "not 'wizard'")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": 5}]}", "\"content\" in messages[0] must be a string")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}", "text only")]
    [InlineData("{\"messages\": [{\"role\": \"user\"}]}", "needs \"content\"")]
    [InlineData("{\"messages\": [{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"x\"}]}]}", "needs a \"function\" object")]
    [InlineData("{\"messages\": [{\"role\": \"assistant\", \"tool_calls\": [{\"function\": {\"name\": \"f\", \"arguments\": 5}}]}]}", "must be a JSON string")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": \"hot\"}", "\"temperature\" in the request body must be a number")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": 3}", "between 0 and 2")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 0}", "at least 1")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 1.5}", "must be an integer")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"seed\": \"x\"}", "\"seed\" must be an integer")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": \"yes\"}", "\"stream\" in the request body must be a boolean")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": [{\"type\": \"function\"}]}", "tools[0] needs a \"function\" object")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": {}}", "\"tools\" must be an array")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}", "\"n\" must be 1")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tool_choice\": \"required\"}", "cannot force a tool call")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"refuse\"}]}", "prompt too long")]
    public async Task A_bad_request_is_an_openai_style_400(string body, string message)
    {
        var model = new ScriptedChatModel(r => r.Messages[^1].Content == "refuse" ? "error: prompt too long" : "ok");
        await using var server = await Serve(model);
        Assert.Contains(message, await ErrorAsync(server, body, HttpStatusCode.BadRequest));
        // The server goes on answering.
        Assert.Equal("ok", (await server.PostOkAsync("/v1/chat/completions", """{"messages": [{"role": "user", "content": "hi"}]}"""))
            .GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    private static async Task<string> ErrorAsync(TestServer server, string body, HttpStatusCode status)
    {
        using var response = await server.PostJsonAsync("/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(status == HttpStatusCode.NotFound ? "not_found_error" : "invalid_request_error", error.GetProperty("type").GetString());
        return error.GetProperty("message").GetString()!;
    }
}
