using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Mcp;

/// <summary>The tools over MCP Streamable HTTP at /mcp, driven by the official MCP C# SDK's client.</summary>
public sealed class McpToolsTests
{
    [Fact]
    public async Task An_mcp_client_lists_and_calls_the_tools_and_stateful_calls_name_an_ors_session()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithWorkers(1));
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        var capital = tools.Single(t => t.Name == "test__get_capital");
        Assert.Contains("session_id", capital.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains(tools, t => t.Name == "crash__echo");

        var stateless = await client.CallToolAsync("test__get_capital", new Dictionary<string, object?> { ["country"] = "France" });
        Assert.Equal("Paris", Assert.IsType<TextContentBlock>(stateless.Content[0]).Text);
        Assert.NotEqual(true, stateless.IsError);
        var bad = await client.CallToolAsync("test__get_capital", new Dictionary<string, object?> { ["country"] = 5 });
        Assert.True(bad.IsError); // bad arguments are feedback, not a protocol error

        // A stateful tool: its state lives in an ORS session's episode, named by session_id, never on the MCP session.
        var sid = await server.NewEpisodeAsync("test", "test/FirstCartItem");
        var added = await client.CallToolAsync("test__add_to_cart", new Dictionary<string, object?> { ["item"] = "book", ["session_id"] = sid });
        Assert.Equal(1.0, added.StructuredContent!.Value.GetProperty("reward").GetDouble()); // solved the task's one sub-question
        var listed = await client.CallToolAsync("test__list_cart", new Dictionary<string, object?> { ["session_id"] = sid });
        Assert.Equal("book", Assert.IsType<TextContentBlock>(listed.Content[0]).Text);
        var fresh = await client.CallToolAsync("test__list_cart", new Dictionary<string, object?>());
        Assert.Equal("", Assert.IsType<TextContentBlock>(fresh.Content[0]).Text);
        var unknown = await client.CallToolAsync("test__list_cart", new Dictionary<string, object?> { ["session_id"] = "nope" });
        Assert.True(unknown.IsError);
        Assert.Contains("no live session 'nope'", Assert.IsType<TextContentBlock>(unknown.Content[0]).Text);
    }
}
