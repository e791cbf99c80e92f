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
    [InlineData("get_borders", """{"country":"Peru"}""", """[{"country":"Chile","kilometres":168,"continent":"SouthAmerica"}]""")]
    public void Matching_arguments_return_the_fact(string tool, string json, string output)
    {
        Assert.Equal(ToolResult.Ok(output), Invoke(tool, json));
    }

    [Theory]
    [InlineData("get_capital", """{"country":"Atlantis"}""", "No record found for get_capital(country=\"Atlantis\").")]
    [InlineData("get_area", """{"country":"Atlantis","includeWater":false}""", "No record found for get_area(country=\"Atlantis\", includeWater=false).")]
    public void Every_tool_without_a_matching_fact_throws_no_record_whatever_it_returns(string tool, string json, string message)
    {
        // A string tool used to answer the fallback as a successful output, which could solve by echoing the argument.
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => Invoke(tool, json));
        var noRecord = Assert.IsType<NoRecordException>(error.InnerException);
        Assert.Equal(message, noRecord.Message);
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
                new ToolFact("get_borders", """{"country":"Peru"}""", """[{"country":"Chile","kilometres":168,"continent":"SouthAmerica"}]"""),
            ],
            facts);
    }
}
