using GeneratorTests.Infrastructure;
using ToolRL.Tools;

namespace GeneratorTests.Behaviour;

/// <summary>The local implementation generated from [Fact] attributes and a facts file.</summary>
public class FactsTests
{
    private static readonly Lazy<Loaded> Geo = new(() => Loaded.Compile("Geo.Probe", [Specs.Geo, Specs.GeoProbe], ("facts/areas.json", Specs.GeoAreas)));

    private static ToolResult Invoke(string tool, string json) => Geo.Value.Call<ToolResult>("Invoke", tool, json);

    [Theory]
    [InlineData("get_capital", """{"country":"Italy"}""", "Rome")]
    [InlineData("get_capital", """{"country":"japan"}""", "Tokyo")]
    [InlineData("get_capital", """{"country":"Peru"}""", "Lima")]
    [InlineData("get_area", """{"country":"Japan"}""", "377975")]
    [InlineData("get_area", """{"country":"Japan","includeWater":false}""", "364485")]
    [InlineData("get_continent", """{"country":"Japan"}""", "Asia")]
    [InlineData("get_independence_day", """{"country":"Peru"}""", "1821-07-28")]
    public void Matching_arguments_return_the_fact(string tool, string json, string output)
    {
        Assert.Equal(ToolResult.Ok(output), Invoke(tool, json));
    }

    [Fact]
    public void A_string_tool_without_a_matching_fact_answers_no_record()
    {
        Assert.Equal(ToolResult.Ok("No record found for get_capital(country=\"Atlantis\")."), Invoke("get_capital", """{"country":"Atlantis"}"""));
    }

    [Fact]
    public void Other_tools_without_a_matching_fact_throw_a_no_record_error()
    {
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => Invoke("get_area", """{"country":"Atlantis","includeWater":false}"""));
        var notFound = Assert.IsType<KeyNotFoundException>(error.InnerException);
        Assert.Equal("No record found for get_area(country=\"Atlantis\", includeWater=false).", notFound.Message);
    }

    [Fact]
    public void Facts_are_listed_with_arguments_json_and_rendered_output()
    {
        var facts = Geo.Value.Get<IReadOnlyList<ToolFact>>("Facts");
        Assert.Equal(
            [
                new ToolFact("get_capital", """{"country":"Italy"}""", "Rome"),
                new ToolFact("get_capital", """{"country":"Japan"}""", "Tokyo"),
                new ToolFact("get_continent", """{"country":"Japan"}""", "Asia"),
                new ToolFact("get_independence_day", """{"country":"Peru"}""", "1821-07-28"),
                new ToolFact("get_area", """{"country":"Japan","includeWater":true}""", "377975"),
                new ToolFact("get_area", """{"country":"Japan","includeWater":false}""", "364485"),
                new ToolFact("get_capital", """{"country":"Peru"}""", "Lima"),
            ],
            facts);
    }
}
