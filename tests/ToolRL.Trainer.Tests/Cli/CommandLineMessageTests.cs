using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using ToolRL.Environments;
using ToolRL.Cli;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.Cli;

/// <summary>
/// The command line says clearly what it will do: values are checked, by option name, before any work starts;
/// parse errors read as words; a typo gets the nearest command; --version is the SDK's; an interrupt exits 130
/// with what was saved.
/// </summary>
public sealed class CommandLineMessageTests
{
    private static Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        CliHarness.RunAsync([new CapitalsEnvironment("alpha")], args);

    private static Task<(int Code, string Out, string Err)> Run(IToolEnvironment environment, params string[] args) =>
        CliHarness.RunAsync([environment], args);

    [Theory]
    [InlineData("--steps must be 0 or more (0 skips RL), got -1", "train", "--steps", "-1")]
    [InlineData("--lr must be a positive number, got 0", "train", "--lr", "0")]
    [InlineData("--lr must be a positive number, got -0.5", "train", "--lr", "-0.5")]
    [InlineData("--device tpu: unknown device", "train", "--device", "tpu")]
    [InlineData("--steps must be 0 or more, got -2", "train", "--model", "/nonexistent", "--steps", "-2")]
    [InlineData("--lr must be a positive number, got 0", "sft", "--model", "/nonexistent", "-o", "/nonexistent-out", "--lr", "0")]
    [InlineData("--batch-size must be 1 or more, got 0", "sft", "--model", "/nonexistent", "-o", "/nonexistent-out", "--batch-size", "0")]
    [InlineData("--steps must be 1 or more, got 0", "sft", "--model", "/nonexistent", "-o", "/nonexistent-out", "--steps", "0")]
    [InlineData("--temperature must be 0 (greedy) or more, got -1", "collect", "--model", "/nonexistent", "--temperature", "-1")]
    public async Task Bad_values_are_rejected_by_option_name_before_any_work(string expected, params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("(Parameter '", error);
        Assert.Equal("", output); // rejected before any work
    }

    [Fact]
    public async Task The_embedded_default_rejects_a_cuda_device_it_would_ignore()
    {
        var (code, output, error) = await Run("train", "--device", "cuda");
        Assert.Equal(ExitCodes.BadArguments, code);
        // Rejected for what it is on any machine, before asking whether CUDA is there.
        Assert.Contains("--device cuda: the embedded default trains on the CPU only; --device applies to --model runs", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("train", "--steps", "abc")]
    [InlineData("eval", "--max-turns", "many")]
    public async Task A_value_of_the_wrong_type_is_named_in_words(params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("as a whole number", error);
        Assert.DoesNotContain("System.", error);
    }

    [Theory]
    [InlineData("trian", "train")]
    [InlineData("evl", "eval")]
    [InlineData("exprot", "export")]
    public async Task A_mistyped_command_suggests_the_nearest_one(string typo, string meant)
    {
        var (code, _, error) = await Run(typo);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains($"'{typo}'. Did you mean '{meant}'?", error);
    }

    [Fact]
    public async Task A_mistyped_option_suggests_the_nearest_one()
    {
        var (code, _, error) = await Run("train", "--setps", "3");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("Did you mean '--steps'?", error);
    }

    [Fact]
    public async Task Version_is_the_SDK_version_not_the_host_program_version()
    {
        var (code, output, _) = await Run("--version");
        Assert.Equal(ExitCodes.Ok, code);
        var sdk = typeof(ToolRLApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(sdk, output.Trim());
        // The test host is the entry assembly here, as an environment project (version 1.0.0) is in real use.
        var entry = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        Assert.NotEqual(entry, output.Trim());
    }

    [Fact]
    public async Task Eval_into_an_unwritable_folder_fails_before_loading_or_evaluating()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["model"]);
        File.WriteAllText(dir["not-a-folder"], "a file where the report's folder should be");
        var report = Path.Combine(dir["not-a-folder"], "report.md");
        var (code, output, error) = await Run(new CapitalsEnvironment(), "eval", "--model", dir["model"], "-o", report);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains($"--out '{report}': cannot write to its folder", error);
        Assert.DoesNotContain("evaluating", output);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("collect")]
    [InlineData("sft")]
    [InlineData("train")]
    public async Task Other_commands_check_their_output_before_work(string command)
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["model"]);
        File.WriteAllText(dir["file"], "x");
        var target = Path.Combine(dir["file"], "out");
        string[] args = command switch
        {
            "collect" => ["collect", "--model", dir["model"], "-o", Path.Combine(target, "records.jsonl")],
            "sft" => ["sft", "--model", dir["model"], "-o", target],
            _ => ["train", "--model", dir["model"], "-o", target],
        };
        var (code, output, error) = await Run(new CapitalsEnvironment(), args);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--out '", error);
        Assert.Contains("cannot write", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task An_invalid_config_json_is_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["model"]);
        var config = Path.Combine(dir["model"], "config.json");
        File.WriteAllText(config, "{ \"hidden_size\": ");
        var (code, _, error) = await Run(new CapitalsEnvironment(), "eval", "--model", dir["model"]);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(config, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task An_endpoint_answering_HTTP_500_is_an_expected_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            // Every request gets a 500 with a short body, as a failing server does.
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[65536];
                _ = await stream.ReadAsync(buffer, stop.Token); // the request itself does not matter
                var body = "{\"error\":{\"message\":\"boom\"}}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), stop.Token);
            }
        });
        var (code, _, error) = await Run(new CapitalsEnvironment(), "eval", "--endpoint", $"http://127.0.0.1:{port}/v1", "--model", "m", "--max-turns", "1");
        stop.Cancel();
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("500", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_cancelled_evaluation_exits_130_saying_nothing_was_written_and_no_trace()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["model"]);
        using var cancel = new CancellationTokenSource();
        var output = new CancelOnLine("evaluating", cancel);
        var error = new StringWriter();
        var code = await ToolRLApp.RunAsync(
            ["eval", "--model", dir["model"], "-o", dir["report.md"], "--max-new-tokens", "64"], [new CapitalsEnvironment()], output, error, cancel.Token, CliHarness.Modules);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains($"interrupted during the evaluation; no report was written to {dir["report.md"]}; run the same command to evaluate again", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
        Assert.False(File.Exists(dir["report.md"]));
    }

    /// <summary>Cancels a token when a line containing a text is written: an interrupt right after the work starts.</summary>
    private sealed class CancelOnLine(string text, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
                cancel.Cancel();
        }
    }
}
