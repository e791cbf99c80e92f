using ToolRL.Environments;
using ToolRL.Cli;

namespace ToolRL.Trainer.Tests.Cli;

public sealed class ToolRLAppTests
{
    private static readonly IReadOnlyList<IToolEnvironment> Environments = [new CapitalsEnvironment("alpha"), new CapitalsEnvironment("beta")];

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CliHarness.RunAsync(Environments, args);

    [Fact]
    public async Task Describe_lists_tools_and_task_counts_per_structure()
    {
        var (code, output, _) = await Run("describe", "--scenario", "alpha");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("scenario alpha: Capitals of countries.", output);
        Assert.DoesNotContain("scenario beta", output);
        Assert.Contains("  get_capital(country: string)\n    Returns the capital of a country.", output.Replace("\r\n", "\n"));
        Assert.Contains("tasks (2): single-hop 1, parallel single-hop 1, multi-hop 0, parallel multi-hop 0", output);
        Assert.Contains("  parallel single-hop: What are the capitals of Japan and Peru?", output);
    }

    [Fact]
    public async Task Unknown_scenario_is_a_usage_error_naming_the_known_ones()
    {
        var (code, _, error) = await Run("describe", "--scenario", "gamma");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("no scenario named 'gamma'", error);
        Assert.Contains("available: alpha, beta.", error);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var (code, _, error) = await Run("describe", "--frobnicate");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("--frobnicate", error);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var (code, _, error) = await Run("fly");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("fly", error);
    }


    [Theory]
    [InlineData("this command needs a policy", "eval")]
    [InlineData("--endpoint must be an http(s) URL", "eval", "--endpoint", "ftp://host/v1", "--model", "m")]
    [InlineData("--endpoint needs --model NAME", "eval", "--endpoint", "http://127.0.0.1:1/v1")]
    [InlineData("is not a folder", "eval", "--model", "/nonexistent/model")]
    [InlineData("--max-turns must be at least 1", "eval", "--max-turns", "0", "--model", "x")]
    [InlineData("--algo must be grpo or reinforce++", "train", "--algo", "ppo")]
    [InlineData("has no config.json", "train", "--model", "/tmp", "--scenario", "alpha")]
    [InlineData("one scenario at a time", "train", "--model", "/tmp")]
    [InlineData("--config and --trainable apply to --model runs", "train", "--trainable", "model.layers.0.*")]
    [InlineData("--sft-short-steps must be 0 or more (0 skips that SFT stage), got -1", "train", "--sft-short-steps", "-1")]
    [InlineData("--sft-steps must be 0 or more (0 skips that SFT stage), got -3", "train", "--sft-steps", "-3")]
    [InlineData("--sft-steps applies to the embedded default only", "train", "--model", "/tmp", "--sft-steps", "3")]
    [InlineData("--sft-short-steps applies to the embedded default only", "train", "--model", "/tmp", "--sft-short-steps", "0")]
    [InlineData("--per-structure must be 0 or more", "export", "--per-structure", "-1")]
    [InlineData("--test-fraction must be between 0 and 1", "export", "--test-fraction", "1.5")]
    [InlineData("does not exist", "analyze", "--before", "/nonexistent/a", "--after", "/nonexistent/b")]
    [InlineData("has no config.json", "sft", "--model", "/tmp", "--out", "/tmp/never-written")]
    [InlineData("--max-turns must be at least 1", "collect", "--max-turns", "0")]
    [InlineData("unknown --variant 'bigger'", "export", "--variant", "bigger")]
    public async Task Bad_arguments_are_usage_errors_with_a_clear_message(string expected, params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (code, output, _) = await Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in new[] { "describe", "export", "sft", "collect", "train", "eval", "analyze", "serve" })
            Assert.Contains(command, output);
    }
}
