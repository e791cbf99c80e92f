using System.Text;
using ToolRL.Parsing;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>
/// The plain-call fast path against the full reader: on random blocks near the common shape (and mutations of them),
/// whenever the fast path answers it must give exactly the full path's call; otherwise it defers.
/// </summary>
public sealed class PlainCallReaderTests
{
    private static readonly string[] Spaces = ["", "", " ", " ", "\n", "\t", "\r", "  ", "\u00a0"];
    private static readonly string[] Names = ["get_capital", "a", "", "0", "7", "é名", "a b", "x\\\"y", "\\u0041", "\ud83d\ude00", "\ud800", "tab\there"];
    private static readonly string[] Keys = ["country", "city", "x", "", "é", "k\\n", "country", "\ud83d\ude00", "a\u0001"];
    private static readonly string[] Scalars =
    [
        "\"France\"", "\"\"", "\"Paris, France\"", "\"é ü 名\"", "\"a\\\"b\"", "\"a\\\\b\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"",
        "\"\ud83d\ude00\"", "\"\ud800\"", "\"a\tb\"", "\"a\u001fb\"", "\"/\"", "\"\\/\"",
        "0", "-0", "12", "-5", "007", "123456789012345678", "1234567890123456789", "99999999999999999999999999",
        "1.5", "2.50", "1e5", "1E+2", "-0.0", "1e400", "1.", ".5", "1e", "-", "--1",
        "true", "false", "null", "True", "nul", "NaN", "Infinity", "-Infinity",
        "{}", "[]", "[1, 2]", "{\"a\": 1}", "\"{\\\"a\\\": 1}\"",
    ];
    private static readonly char[] Noise = ['{', '}', '"', ':', ',', ' ', '\\', 'a', '1', '.', '-', '[', ']', 'e', '\n', '\u00e9', '\ud800'];

    [Fact]
    public void On_random_blocks_the_fast_path_gives_the_full_paths_call_or_defers()
    {
        var random = new Random(16);
        int answered = 0, deferredButParsed = 0, rejected = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var block = Block(random);
            var fullParsed = ToolCallParser.TryParseCallFully(block, out var full);
            if (PlainCallReader.TryRead(block, out var name, out var arguments))
            {
                answered++;
                Assert.True(fullParsed, $"fast path answered where the full path drops the block: {block}");
                Assert.Equal(full.Name, name);
                Assert.Equal(full.ArgumentsJson, arguments);
            }
            else if (fullParsed)
                deferredButParsed++;
            else
                rejected++;
        }
        // The generator must exercise all three outcomes, or the comparison proves little.
        Assert.InRange(answered, 2_000, 20_000);
        Assert.InRange(deferredButParsed, 2_000, 20_000);
        Assert.InRange(rejected, 2_000, 20_000);
    }

    [Fact]
    public void The_common_block_takes_the_fast_path_and_its_name_is_reused()
    {
        const string block = "{\"name\": \"get_capital\", \"arguments\": {\"country\":\"France\",\"n\":-3,\"b\":true,\"z\":null}}";
        Assert.True(PlainCallReader.TryRead(block, out var first, out var arguments));
        Assert.Equal("get_capital", first);
        Assert.Equal("{\"country\": \"France\", \"n\": -3, \"b\": true, \"z\": null}", arguments);
        Assert.True(PlainCallReader.TryRead(block, out var second, out _));
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("{\"name\": \"a\", \"arguments\": {\"x\": 1.0}}")] // a float: repr decides its text
    [InlineData("{\"name\": \"a\", \"arguments\": {\"x\": -0}}")] // int("-0") is 0
    [InlineData("{\"name\": \"a\", \"arguments\": {\"x\": 1, \"x\": 2}}")] // duplicate keys
    [InlineData("{\"name\": \"a\\u0062\", \"arguments\": {}}")] // an escape
    [InlineData("{\"name\": \"\", \"arguments\": {}}")] // a falsy name
    [InlineData("{\"arguments\": {}, \"name\": \"a\", \"id\": 1}")] // another key
    [InlineData("{\"name\": \"a\", \"arguments\": \"{}\"}")] // arguments as a JSON string
    public void Shapes_it_does_not_decide_defer(string block) =>
        Assert.False(PlainCallReader.TryRead(block, out _, out _));

    private static string Block(Random random)
    {
        var sb = new StringBuilder();
        Space(sb, random).Append('{');
        var members = random.Next(10) switch { 0 => 1, 1 => 3, _ => 2 };
        var argumentsFirst = random.Next(4) == 0;
        for (var m = 0; m < members; m++)
        {
            if (m > 0)
                Space(sb, random).Append(',');
            var key = m >= 2 ? (random.Next(2) == 0 ? "name" : "id") : (m == 0) != argumentsFirst ? "name" : "arguments";
            if (random.Next(30) == 0)
                key = "Name";
            Space(sb, random).Append('"').Append(key).Append('"');
            Space(sb, random).Append(':');
            Space(sb, random);
            if (key == "arguments")
                Arguments(sb, random);
            else if (random.Next(12) == 0)
                sb.Append(Pick(random, Scalars));
            else
                sb.Append('"').Append(random.Next(2) == 0 ? "get_capital" : Pick(random, Names)).Append('"');
        }
        Space(sb, random).Append('}');
        Space(sb, random);
        var text = sb.ToString();
        return random.Next(4) == 0 ? Mutate(text, random) : text;
    }

    private static void Arguments(StringBuilder sb, Random random)
    {
        if (random.Next(15) == 0)
        {
            sb.Append(Pick(random, Scalars));
            return;
        }
        sb.Append('{');
        var count = random.Next(6) == 0 ? random.Next(10) : random.Next(4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                Space(sb, random).Append(',');
            Space(sb, random).Append('"').Append(random.Next(6) == 0 ? Pick(random, Keys) : "k" + random.Next(12)).Append('"');
            Space(sb, random).Append(':');
            Space(sb, random);
            // Mostly values the fast path takes, so that whole blocks of them occur.
            sb.Append(random.Next(8) == 0 ? Pick(random, Scalars) : Pick(random, ["\"France\"", "42", "true", "null", "\"a b\"", "-7"]));
        }
        Space(sb, random).Append('}');
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new StringBuilder(text);
        var at = random.Next(chars.Length + 1);
        switch (random.Next(4))
        {
            case 0 when chars.Length > 0 && at < chars.Length:
                chars.Remove(at, 1);
                break;
            case 1:
                chars.Insert(at, Noise[random.Next(Noise.Length)]);
                break;
            case 2:
                chars.Length = at;
                break;
            default:
                chars.Insert(at, Pick(random, Scalars));
                break;
        }
        return chars.ToString();
    }

    private static StringBuilder Space(StringBuilder sb, Random random) =>
        sb.Append(random.Next(10) == 0 ? Pick(random, Spaces) : random.Next(2) == 0 ? " " : "");

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
