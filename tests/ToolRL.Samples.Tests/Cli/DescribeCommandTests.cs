using ToolRL.Samples.Catalog;
using ToolRL.Samples.Cli;
using ToolRL.Samples.Tests.Fakes;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Cli;

public class DescribeCommandTests
{
    private static readonly SampleScenario Weather = new(
        new FakeEnvironment(
            "weather", "Weather desk.",
            [
                new ToolDefinition("get_forecast", "Forecast for a city.",
                    """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["Celsius","Fahrenheit"]}},"required":["city"]}"""),
                new ToolDefinition("list_cities", "Cities of a country.",
                    """{"type":"object","properties":{"countries":{"type":"array","items":{"type":"string"}},"limit":{"type":"integer"}},"required":["countries","limit"]}"""),
            ],
            [
                FakeEnvironment.Task("weather", "Weather in Oslo?", TaskStructure.SingleHop),
                FakeEnvironment.Task("weather", "Weather in Rome?", TaskStructure.SingleHop),
                FakeEnvironment.Task("weather", "Weather in Oslo and Rome?", TaskStructure.ParallelSingleHop),
                FakeEnvironment.Task("weather", "Weather in the capital of Peru?", TaskStructure.MultiHop),
            ]),
        "# weather\n\n## get_forecast\nForecast for a city.\n");

    private static readonly SampleScenario Shop = new(
        new FakeEnvironment(
            "shop", "A shop.",
            [new ToolDefinition("add_to_cart", "Adds to the cart.", """{"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"]}""")],
            [FakeEnvironment.Task("shop", "Add a lamp and check out.", TaskStructure.ParallelMultiHop)]),
        "# shop\n");

    private static readonly IReadOnlyList<SampleScenario> Scenarios = [Weather, Shop];

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SamplesCommandLine.Run(args, Scenarios, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Describe_lists_tools_with_signatures_schemas_counts_and_one_example_per_structure()
    {
        var (code, output, error) = Run("describe", "--scenario", "weather");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("scenario weather: Weather desk.", lines[0]);
        Assert.Equal("tools (2):", lines[1]);
        Assert.Equal("  get_forecast(city: string, unit?: \"Celsius\"|\"Fahrenheit\")", lines[2]);
        Assert.Equal("    Forecast for a city.", lines[3]);
        Assert.StartsWith("    schema: {\"type\":\"object\",\"properties\":{\"city\"", lines[4]);
        Assert.Equal("  list_cities(countries: string[], limit: integer)", lines[5]);
        Assert.Contains("tasks (4): single-hop 2, parallel single-hop 1, multi-hop 1, parallel multi-hop 0", lines);
        Assert.Contains("  single-hop: Weather in Oslo?", lines);
        Assert.Contains("  multi-hop: Weather in the capital of Peru?", lines);
        Assert.DoesNotContain("Weather in Rome?", output); // one example per structure
        Assert.DoesNotContain("shop", output);
    }

    [Fact]
    public void Describe_without_arguments_covers_every_scenario_and_totals_them()
    {
        var (code, output, _) = Run();

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("scenario weather: Weather desk.", output);
        Assert.Contains("scenario shop: A shop.", output);
        Assert.Contains("2 scenarios, 3 tools, 5 tasks.", output);
    }

    [Fact]
    public void Scenario_names_match_case_insensitively_and_with_an_equals_sign()
    {
        var (code, output, _) = Run("describe", "--scenario=SHOP");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("scenario shop:", output);
        Assert.Contains("  parallel multi-hop: Add a lamp and check out.", output);
    }

    [Fact]
    public void Markdown_prints_the_generated_page_and_the_task_summary_instead_of_schemas()
    {
        var (code, output, _) = Run("describe", "--markdown", "--scenario", "weather");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("# weather\n\n## get_forecast\nForecast for a city.\n", output.Replace("\r\n", "\n"));
        Assert.Contains("4 tasks: single-hop 2, parallel single-hop 1, multi-hop 1, parallel multi-hop 0.", output);
        Assert.Contains("- *multi-hop*: Weather in the capital of Peru?", output);
        Assert.DoesNotContain("schema:", output);
    }

    [Fact]
    public void Help_explains_usage_and_names_the_scenarios()
    {
        foreach (var args in new[] { new[] { "--help" }, ["-h"], ["describe", "--help"] })
        {
            var (code, output, error) = Run(args);
            Assert.Equal(ExitCodes.Success, code);
            Assert.Equal("", error);
            Assert.Contains("describe [--scenario NAME] [--markdown]", output);
            Assert.Contains("Scenarios: weather, shop", output);
        }
    }

    [Theory]
    [InlineData("error: unknown option '--verbose'. Run with --help for usage.", "describe", "--verbose")]
    [InlineData("error: unknown option '--frobnicate'. Run with --help for usage.", "--frobnicate")]
    [InlineData("error: unknown command 'train'. Run with --help for usage.", "train")]
    [InlineData("error: unexpected argument 'weather'. Run with --help for usage.", "describe", "weather")]
    [InlineData("error: --scenario needs a scenario name. Run with --help for usage.", "describe", "--scenario")]
    [InlineData("error: --scenario needs a scenario name. Run with --help for usage.", "describe", "--scenario", "--markdown")]
    [InlineData("error: --scenario is given more than once. Run with --help for usage.", "describe", "--scenario", "shop", "--scenario", "weather")]
    [InlineData("error: no scenario named 'atlantis'; available: weather, shop.", "describe", "--scenario", "atlantis")]
    public void Bad_arguments_exit_with_code_2_and_a_message_naming_the_problem(string expectedError, params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Equal(expectedError, error.TrimEnd());
        Assert.Equal("", output);
    }
}
