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
    // Integer-like keys stay in input order (JavaScript would move them first); numbers print as Python's
    // json.dumps(json.loads(...)) does (python3 -c 'import json; print(json.dumps(json.loads(X), ensure_ascii=False))').
    [InlineData("{\"b\":1,\"10\":2,\"2\":3,\"a\":1.0}", "{\"b\": 1, \"10\": 2, \"2\": 3, \"a\": 1.0}")]
    [InlineData("{\"p\":19.90,\"q\":[0.50,-0,1e-7,1.5e3,2E2,-0.0]}", "{\"p\": 19.9, \"q\": [0.5, 0, 1e-07, 1500.0, 200.0, -0.0]}")]
    [InlineData("{\"n\":12345678901234567890123,\"n\":-1}", "{\"n\": -1}")]
    [InlineData("{ }", "{}")]
    [InlineData(" [ [ ] , { \"x\" : { } } ] ", "[[], {\"x\": {}}]")]
    public void Renders_like_tojson(string input, string expected) => Assert.Equal(expected, TemplateJson.Render(input));

    [Fact]
    public void Invalid_json_names_what_it_belonged_to()
    {
        var e = Assert.Throws<ArgumentException>(() => TemplateJson.Render("{\"city\": ", "the arguments of the call to 'get_weather'"));
        Assert.Contains("get_weather", e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void A_lone_surrogate_renders_as_its_escape_instead_of_throwing()
    {
        // A sampled turn with "\ud800" in its arguments must not stop a run when its history is rendered.
        Assert.Equal("{\"s\": \"a\\ud800\"}", TemplateJson.Render("{\"s\": \"a\\ud800\"}"));
        Assert.Equal("{\"s\": \"🌍\"}", TemplateJson.Render("{\"s\": \"\\ud83c\\udf0d\"}"));
    }
}
