using ToolRL.Construction.Procedural;
using ToolRL.Environments;
using ToolRL.Samples.Catalog;
using ToolRL.Tools;

namespace Construction.Tests.Procedural;

/// <summary>A procedural tool answers unknown or malformed arguments as a generated facts implementation does (the library sample).</summary>
public sealed class ProceduralSessionTests
{
    private static readonly ProceduralScenario Scenario = ProceduralUniverse.Generate(new() { Scenarios = 1 }).Scenarios[0];

    private static async Task<ToolResult> Run(IToolEnvironment environment, string tool, string arguments)
    {
        using var session = environment.OpenSession();
        return await session.ExecuteAsync(new ToolCall(tool, arguments));
    }

    private static (string Tool, string Parameter) AnyTool(string jsonType)
    {
        var signature = Scenario.Source.Signatures.First(s => s.Parameters[0].JsonType == jsonType);
        return (signature.Name, signature.Parameters[0].Name);
    }

    [Fact]
    public async Task A_value_without_a_fact_gets_the_no_record_feedback_of_a_facts_implementation()
    {
        var (tool, parameter) = AnyTool("string");
        var result = await Run(Scenario, tool, $"{{\"{parameter}\": \"Nobody Known\"}}");
        var library = await Run(SampleEnvironments.Library, "get_author", "{\"title\": \"Nobody Known\"}");

        Assert.Equal(new ToolResult(ToolOutcome.NoRecord, $"No record found for {tool}({parameter}=\"Nobody Known\")."), result);
        Assert.Equal(library.Text.Replace("get_author(title=", $"{tool}({parameter}=", StringComparison.Ordinal), result.Text);
        Assert.Equal(library.Outcome, result.Outcome);
    }

    [Fact]
    public async Task A_number_without_a_fact_is_shown_as_a_number()
    {
        var (tool, parameter) = AnyTool("integer");
        var result = await Run(Scenario, tool, $"{{\"{parameter}\": 7}}");
        Assert.Equal(new ToolResult(ToolOutcome.NoRecord, $"No record found for {tool}({parameter}=7)."), result);
    }

    [Fact]
    public async Task Missing_unknown_and_mistyped_arguments_get_the_runtime_feedback()
    {
        var (tool, parameter) = AnyTool("integer");
        Assert.Equal(ToolFeedback.MissingArgument(tool, parameter), await Run(Scenario, tool, "{}"));
        Assert.Equal(ToolFeedback.UnknownArgument(tool, "colour", $"'{parameter}'"), await Run(Scenario, tool, "{\"colour\": 1}"));
        var mistyped = await Run(Scenario, tool, $"{{\"{parameter}\": \"seven\"}}");
        Assert.Equal(ToolOutcome.InvalidArguments, mistyped.Outcome);
        Assert.Equal(ToolFeedback.UnknownTool("no_such_tool"), await Run(Scenario, "no_such_tool", "{}"));
    }

    [Fact]
    public async Task Named_arguments_match_ignoring_case_like_the_generated_facts_implementations()
    {
        var (tool, parameter) = AnyTool("string");
        var fact = Scenario.Source.Facts.First(f => f.ToolName == tool);
        var value = System.Text.Json.JsonDocument.Parse(fact.ArgumentsJson).RootElement.GetProperty(parameter).GetString()!;
        var result = await Run(Scenario, tool, $"{{\"{parameter}\": \"{value.ToUpperInvariant()}\"}}");
        Assert.Equal(ToolResult.Ok(fact.Output), result);
    }
}
