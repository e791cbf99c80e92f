using System.Text.Json;
using Construction.Tests.Scenarios;
using ToolRL.Construction.Export;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Sources;

namespace Construction.Tests;

/// <summary>verl's OpenAIFunctionPropertySchema needs one "type" string on every property (verl/tools/schemas.py).</summary>
public sealed class VerlToolSchemasTests
{
    private static readonly ScenarioSource Geo = TestScenarios.Geo();

    [Fact]
    public void The_generalized_parameter_becomes_its_array_form_the_one_the_golden_calls_use()
    {
        var variant = VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.ParameterTypeGeneralization, 5));
        Assert.Contains("anyOf", variant.ToolsJson, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(VerlToolSchemas.EnsureTypes(variant.ToolsJson));
        var generalized = 0;
        foreach (var tool in doc.RootElement.EnumerateArray())
        {
            foreach (var property in tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").EnumerateObject())
            {
                Assert.Equal(JsonValueKind.String, property.Value.GetProperty("type").ValueKind);
                Assert.False(property.Value.TryGetProperty("anyOf", out _), property.Name);
                if (property.Value.GetProperty("type").GetString() != "array")
                    continue;
                generalized++;
                Assert.Equal(JsonValueKind.String, property.Value.GetProperty("items").GetProperty("type").ValueKind);
                Assert.Contains("list of values", property.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }
        Assert.True(generalized > 0);
    }

    [Fact]
    public void A_nullable_type_list_becomes_its_one_concrete_type_and_typed_input_is_returned_as_is()
    {
        var typed = Tools("""{"city":{"type":"string"}}""");
        Assert.Same(typed, VerlToolSchemas.EnsureTypes(typed));

        using var doc = JsonDocument.Parse(VerlToolSchemas.EnsureTypes(Tools("""{"limit":{"type":["integer","null"],"description":"at most"}}""")));
        var limit = doc.RootElement[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("limit");
        Assert.Equal("integer", limit.GetProperty("type").GetString());
        Assert.Equal("at most", limit.GetProperty("description").GetString());
    }

    [Fact]
    public void Nested_object_properties_and_array_items_are_typed_too()
    {
        using var doc = JsonDocument.Parse(VerlToolSchemas.EnsureTypes(
            Tools("""{"filter":{"type":"object","properties":{"tags":{"type":"array","items":{"type":["string","null"]}}}}}""")));
        var tags = doc.RootElement[0].GetProperty("function").GetProperty("parameters").GetProperty("properties")
            .GetProperty("filter").GetProperty("properties").GetProperty("tags");
        Assert.Equal("string", tags.GetProperty("items").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"q":{"description":"anything"}}""", "lookup.q", "no \"type\"")]
    [InlineData("""{"q":{"type":["string","integer"]}}""", "lookup.q", "string, integer")]
    [InlineData("""{"q":{"anyOf":[{"type":"string"},{"type":"integer"}]}}""", "lookup.q", "no array form")]
    public void A_property_without_a_derivable_type_is_an_error_naming_the_tool_and_the_property(string properties, string where, string why)
    {
        var error = Assert.Throws<InvalidOperationException>(() => VerlToolSchemas.EnsureTypes(Tools(properties)));
        Assert.Contains("'" + where + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    private static string Tools(string properties) =>
        "[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"d\",\"parameters\":{\"type\":\"object\",\"properties\":" +
        properties + ",\"required\":[]}}}]";
}
