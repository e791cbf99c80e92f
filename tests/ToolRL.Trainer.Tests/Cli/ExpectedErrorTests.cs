using ToolRL.Environments;
using ToolRL.Cli;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.Cli;

/// <summary>Expected errors print their message alone and exit 2; <c>--verbose</c> adds the trace.</summary>
public sealed class ExpectedErrorTests
{
    private static Task<(int Code, string Out, string Err)> Run(IToolEnvironment environment, params string[] args) =>
        CliHarness.RunAsync([environment], args);

    private static string TruncatedCheckpoint(TempDirectory dir)
    {
        var model = dir["model"];
        CliHarness.WriteTinyCheckpoint(model);
        var weights = Path.Combine(model, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        return model;
    }

    [Fact]
    public async Task A_truncated_safetensors_file_is_one_line_naming_the_file_exit_2_and_no_stack_trace()
    {
        using var dir = new TempDirectory();
        var model = TruncatedCheckpoint(dir);
        var (code, _, error) = await Run(new CapitalsEnvironment(), "eval", "--model", model, "--max-turns", "1");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(Path.Combine(model, "model.safetensors"), error);
        Assert.Contains("truncated", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Single(error.Trim().Split('\n'));

        var verbose = await Run(new CapitalsEnvironment(), "eval", "--model", model, "--max-turns", "1", "--verbose");
        Assert.Equal(ExitCodes.BadArguments, verbose.Code);
        Assert.Contains("   at ", verbose.Err);
        Assert.Contains("InvalidFileException", verbose.Err);
    }

    [Fact]
    public async Task A_failing_endpoint_is_an_expected_error()
    {
        // Port 1 on the loopback refuses connections.
        var (code, _, error) = await Run(new CapitalsEnvironment(), "eval", "--endpoint", "http://127.0.0.1:1/v1", "--model", "m", "--max-turns", "1");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("failed on request", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_cuda_device_on_a_cpu_build_is_an_expected_error()
    {
        using var dir = new TempDirectory();
        var model = dir["model"];
        CliHarness.WriteTinyCheckpoint(model);
        if (TorchSharp.torch.cuda.is_available())
            return; // a CUDA build on a GPU machine accepts it
        var (code, _, error) = await Run(new CapitalsEnvironment(), "eval", "--model", model, "--device", "cuda", "--max-turns", "1");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("CUDA is not available", error);
        Assert.DoesNotContain("   at ", error);
    }
}
