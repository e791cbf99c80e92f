using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

public sealed class TemplateJsonTests
{
    [Theory]
    // Python json.dumps(ensure_ascii=False) spacing, key order kept.
    [InlineData("{\"b\":1,\"a\":[1,2.5,-3,0],\"c\":null,\"d\":true,\"e\":false}", "{\"b\": 1, \"a\": [1, 2.5, -3, 0], \"c\": null, \"d\": true, \"e\": false}")]
    // Non-ASCII, emoji and U+2028 kept as they are; quotes, backslashes and control characters escaped.
    [InlineData("{\"s\":\"é😀\\u2028<>/&'\"}", "{\"s\": \"é😀\u2028<>/&'\"}")]
    [InlineData("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\\u0001\\u001f\"", "\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\\u0001\\u001f\"")]
    // Escaped input is unescaped first, as after json.loads.
    [InlineData("\"\\u6771\\u4eac\\ud83d\\ude00\"", "\"東京😀\"")]
    // A repeated key keeps its first position and its last value.
    [InlineData("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\": 3, \"b\": 2}")]
    [InlineData("{ }", "{}")]
    [InlineData(" [ [ ] , { \"x\" : { } } ] ", "[[], {\"x\": {}}]")]
    public void Renders_like_tojson(string input, string expected) => Assert.Equal(expected, TemplateJson.Render(input));

    [Fact]
    public void Invalid_json_names_what_it_belonged_to()
    {
        var e = Assert.Throws<ArgumentException>(() => TemplateJson.Render("{\"city\": ", "the arguments of the call to 'get_weather'"));
        Assert.Contains("get_weather", e.Message);
        Assert.Contains("not valid JSON", e.Message);
        var surrogate = Assert.Throws<ArgumentException>(() => TemplateJson.Render("{\"s\": \"\\ud800\"}", "the arguments of the call to 'f'"));
        Assert.Contains("not valid Unicode", surrogate.Message);
    }
}
