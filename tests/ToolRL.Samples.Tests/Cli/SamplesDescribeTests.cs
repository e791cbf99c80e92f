using ToolRL.Samples.Catalog;
using ToolRL.Trainer.Cli;

namespace ToolRL.Samples.Tests.Cli;

/// <summary>The describe command over the real sample catalog (what <c>dotnet run</c> prints).</summary>
public class SamplesDescribeTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ToolRLApp.RunAsync(args, SampleEnvironments.All, output, error).GetAwaiter().GetResult();
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }

    [Fact]
    public void Describe_prints_every_scenario_with_its_tools_and_task_counts()
    {
        var (code, output, error) = Run("describe");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.StartsWith("scenario travel: Trip planning", output);
        Assert.Contains("  get_forecast(city: string, date: string, unit?: \"Celsius\"|\"Fahrenheit\")\n", output);
        Assert.Contains("  place_order(address: {name: string, street: string, city: string, postalCode: string, country: string}, speed: \"Standard\"|\"Express\"|\"Overnight\")\n", output);
        Assert.Contains("  quote_bundle(skus: string[])\n", output);
        foreach (var environment in SampleEnvironments.All)
        {
            Assert.Contains($"scenario {environment.Name}: {environment.Description}\n", output);
            Assert.Matches($@"tasks \({environment.Tasks.Count}\): single-hop \d+, parallel single-hop \d+, multi-hop \d+, parallel multi-hop \d+\n", output);
            Assert.All(environment.Tools, tool => Assert.Contains($"    schema: {tool.ParametersSchema}\n", output));
        }
        var tools = SampleEnvironments.All.Sum(e => e.Tools.Count);
        var tasks = SampleEnvironments.All.Sum(e => e.Tasks.Count);
        Assert.EndsWith($"3 scenarios, {tools} tools, {tasks} tasks.\n", output);
    }

    [Fact]
    public void Markdown_mode_prints_the_generated_page_for_one_scenario()
    {
        var (code, output, _) = Run("describe", "--scenario", "shop", "--markdown");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("# shop\n", output);
        Assert.Contains("## `add_to_cart`", output);
        Assert.Contains("## Tasks", output);
        Assert.DoesNotContain("get_capital", output);
    }

    [Fact]
    public void An_unknown_scenario_lists_the_real_ones()
    {
        var (code, output, error) = Run("describe", "--scenario", "weather");

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Equal("", output);
        Assert.Equal("error: no scenario named 'weather'; available: travel, shop, library.", error.TrimEnd());
    }
}
