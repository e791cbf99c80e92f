using System.Diagnostics;
using System.Text.RegularExpressions;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Cli;

/// <summary>The serve command: its refusals exit 2 with the message alone; a real process stops gracefully on SIGTERM and SIGINT.</summary>
public sealed partial class ServeCommandTests
{
    [Theory]
    [InlineData("--urls", "http://0.0.0.0:8765", "not a loopback address")]
    [InlineData("--scenario", "nope", "no scenario named 'nope'; available: test, crash")]
    [InlineData("--api-key-file", "/no/such/key", "--api-key-file '/no/such/key' does not exist")]
    [InlineData("--reward", "f2", "--reward must be f1, precision, rate or pr")]
    [InlineData("--session-ttl", "0", "--session-ttl must be a positive number")]
    public async Task Bad_options_exit_2_with_the_message(string option, string value, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ServeCommand.RunAsync(["serve", "--workers", "0", option, value], ServedTestEnvironments.All, output, error);
        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString()); // no stack trace
    }

    [Fact]
    public async Task An_api_key_file_lets_the_server_bind_beyond_loopback_and_guards_every_request()
    {
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, "  file-key \n");
        try
        {
            using var process = Start("serve", "--workers", "0", "--urls", "http://0.0.0.0:0", "--api-key-file", keyFile);
            var address = await AddressAsync(process);
            using var client = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1")) };
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/health")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new("Bearer", "file-key");
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            Signal(process, "TERM");
            Assert.True(process.WaitForExit(20_000));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_server_gracefully_with_its_workers(string signal)
    {
        using var process = Start("serve", "--workers", "1", "--urls", "http://127.0.0.1:0");
        var address = await AddressAsync(process);
        var banner = _lines.ToString();
        Assert.Contains("environments:", banner);
        Assert.Contains("test: 8 tools", banner);
        Assert.Contains("POST /v1/score", banner);
        Assert.Contains("security: loopback only", banner);
        var worker = int.Parse(WorkerPid().Match(banner).Groups[1].Value);

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var sid = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync("/create_session", null)).Content.ReadAsStringAsync())
            .RootElement.GetProperty("sid").GetString();
        Assert.NotNull(sid);
        Signal(process, signal);
        Assert.True(process.WaitForExit(20_000), "the server did not stop");
        process.WaitForExit(); // the timed overload returns before the output handlers have run for the last lines
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("dropping 1 live session(s)", _lines.ToString());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(worker)); // the worker is gone too
    }

    private readonly System.Text.StringBuilder _lines = new();

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ServeCommandTests).Assembly.Location);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (_lines) _lines.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_lines) _lines.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<string> AddressAsync(Process process)
    {
        for (var i = 0; i < 600; i++)
        {
            string text;
            lock (_lines)
                text = _lines.ToString();
            var match = Listening().Match(text);
            if (match.Success && text.Contains("stop with Ctrl+C"))
                return match.Groups[1].Value;
            Assert.False(process.HasExited, "the server exited: " + text);
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("the server did not print its address: " + _lines);
    }

    private static void Signal(Process process, string signal) =>
        Process.Start("kill", ["-" + signal, process.Id.ToString()])!.WaitForExit();

    [GeneratedRegex(@"listening on (http://[^\s,]+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"pids (\d+)\)")]
    private static partial Regex WorkerPid();
}
