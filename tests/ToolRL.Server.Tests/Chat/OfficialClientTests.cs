using System.Text.Json;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Chat;

/// <summary>
/// The server driven by the official npm clients (pinned by clients/package-lock.json): openai's chat completions
/// over a scripted model that writes a Hermes tool call, and the MCP TypeScript SDK over /mcp. Skipped, saying so,
/// only where node is missing.
/// </summary>
public sealed class OfficialClientTests
{
    [Fact]
    public async Task The_openai_client_reads_tool_calls_plain_and_streamed_and_a_400()
    {
        if (NodeClients.SkipReason("the openai client test") is { } skip)
        {
            Console.WriteLine(skip);
            return;
        }
        var model = new ScriptedChatModel(_ => ScriptedChatModel.CapitalCall);
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0, ChatModel = model });
        var result = await NodeClients.RunAsync("openai-chat.mjs", new Dictionary<string, string>
        {
            ["TOOLRL_BASE_URL"] = new Uri(server.Address, "/v1").ToString(),
            ["TOOLRL_MODEL"] = "scripted",
        });

        foreach (var completion in new[] { result.GetProperty("completion"), result.GetProperty("accumulated") })
        {
            var choice = completion.GetProperty("choices")[0];
            Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
            var message = choice.GetProperty("message");
            Assert.Equal("Let me look that up.", message.GetProperty("content").GetString());
            var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray().ToArray());
            Assert.Equal("get_capital", call.GetProperty("function").GetProperty("name").GetString());
            Assert.Equal("{\"country\": \"France\"}", call.GetProperty("function").GetProperty("arguments").GetString());
        }
        var chunks = result.GetProperty("chunks").EnumerateArray().ToArray();
        Assert.Equal("tool_calls", chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Last().GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.Equal(["scripted"], result.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        var refused = result.GetProperty("refused");
        Assert.True(refused.GetProperty("isBadRequest").GetBoolean());
        Assert.Equal(400, refused.GetProperty("status").GetInt32());
        Assert.Contains("not 'wizard'", refused.GetProperty("message").GetString());

        // What the client sent reached the model: the system and user messages, the tool, greedy sampling, the seed.
        Assert.Equal(3, model.Calls.Count);
        Assert.All(model.Calls, c => Assert.Equal(new ToolRL.Server.Chat.ChatCompletionSampling(0, 1, 16, 1), c.Sampling));
        var request = model.Calls[0].Requests.Single();
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("get_capital", request.Tools.Single().Name);
    }

    [Fact]
    public async Task The_mcp_typescript_client_lists_and_calls_the_tools()
    {
        if (NodeClients.SkipReason("the MCP TypeScript SDK test") is { } skip)
        {
            Console.WriteLine(skip);
            return;
        }
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        var result = await NodeClients.RunAsync("mcp-tools.mjs", new Dictionary<string, string>
        {
            ["TOOLRL_MCP_URL"] = new Uri(server.Address, "/mcp").ToString(),
            ["TOOLRL_TOOL"] = "test__get_capital",
            ["TOOLRL_GOOD_ARGS"] = """{"country": "France"}""",
            ["TOOLRL_BAD_ARGS"] = """{"country": 5}""",
        });
        var names = result.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToArray();
        Assert.Contains("test__get_capital", names);
        Assert.Contains("crash__echo", names);
        Assert.Contains("country", result.GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name));

        var good = result.GetProperty("good");
        Assert.False(good.TryGetProperty("isError", out var goodError) && goodError.GetBoolean());
        Assert.Equal("Paris", good.GetProperty("content")[0].GetProperty("text").GetString());
        var bad = result.GetProperty("bad");
        Assert.True(bad.GetProperty("isError").GetBoolean()); // bad arguments are a tool error result, not a protocol error
        Assert.Contains("country", bad.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
