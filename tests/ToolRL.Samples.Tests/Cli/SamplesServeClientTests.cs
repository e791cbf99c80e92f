using System.Text.RegularExpressions;
using ToolRL.Cli;

namespace ToolRL.Samples.Tests.Cli;

/// <summary>
/// The samples program's real <c>serve</c> (a child process with a supervised worker) driven by the official MCP
/// TypeScript SDK client over Streamable HTTP: the travel tools listed, a call that answers and one that is a tool
/// error. Skipped, saying so, only where node is missing.
/// </summary>
public sealed partial class SamplesServeClientTests
{
    [Fact]
    public async Task The_mcp_typescript_client_lists_and_calls_the_samples_tools()
    {
        if (NodeClients.SkipReason("the MCP TypeScript SDK test against the samples' serve") is { } skip)
        {
            Console.WriteLine(skip);
            return;
        }
        using var scratch = new TempDirectory();
        using var serve = SamplesProcess.Start(scratch.Path, "serve", "--urls", "http://127.0.0.1:0", "--workers", "1");
        var listening = await serve.WaitForLineAsync(line => line.Contains("listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var address = Listening().Match(listening).Groups[1].Value;

        var result = await NodeClients.RunAsync("mcp-tools.mjs", new Dictionary<string, string>
        {
            ["TOOLRL_MCP_URL"] = address + "/mcp",
            ["TOOLRL_TOOL"] = "travel__get_capital",
            ["TOOLRL_GOOD_ARGS"] = """{"country": "France"}""",
            ["TOOLRL_BAD_ARGS"] = """{"country": ["France"]}""",
        });

        var names = result.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToArray();
        Assert.Contains("travel__get_capital", names);
        Assert.Contains(names, n => n!.StartsWith("shop__", StringComparison.Ordinal));
        Assert.Contains(names, n => n!.StartsWith("library__", StringComparison.Ordinal));
        Assert.Contains("country", result.GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var good = result.GetProperty("good");
        Assert.False(good.TryGetProperty("isError", out var isError) && isError.GetBoolean());
        Assert.Equal("Paris", good.GetProperty("content")[0].GetProperty("text").GetString());
        var bad = result.GetProperty("bad");
        Assert.True(bad.GetProperty("isError").GetBoolean(), bad.ToString());
        Assert.Contains("country", bad.GetProperty("content")[0].GetProperty("text").GetString());

        serve.Interrupt();
        Assert.Equal(ExitCodes.Ok, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [GeneratedRegex(@"listening on (http://[^\s,]+)")]
    private static partial Regex Listening();
}
