using System.Text.Json;
using ToolRL.Serialization;

namespace ToolRL.Runtime.Tests.Serialization;

/// <summary><see cref="JsonArgumentReader.TryGetName"/> with its recent-name reuse: the same text as <see cref="JsonProperty.Name"/>, or the same failure.</summary>
public sealed class ArgumentNameTests
{
    [Fact]
    public void A_name_read_again_is_the_same_string_and_equals_the_propertys_name()
    {
        using var first = JsonDocument.Parse("{\"country\": 1, \"city\": 2}");
        using var second = JsonDocument.Parse("{\"country\": 3, \"countr\\u0079\": 4, \"cit\": 5}");
        var names1 = Names(first);
        var names2 = Names(second);
        Assert.Equal(["country", "city"], names1);
        Assert.Equal(["country", "country", "cit"], names2); // an escaped name unescapes as Name does
        Assert.Same(names1[0], names2[0]);
        Assert.Same(names1[0], names2[1]);
    }

    [Fact]
    public void A_lone_surrogate_name_still_fails_after_names_are_remembered()
    {
        using var known = JsonDocument.Parse("{\"\\ufffd\": 1, \"a\": 2}");
        Names(known);
        using var bad = JsonDocument.Parse("{\"\\ud800\": 1}");
        var property = bad.RootElement.EnumerateObject().Single();
        Assert.False(JsonArgumentReader.TryGetName(property, out var name));
        Assert.Equal(string.Empty, name);
    }

    private static string[] Names(JsonDocument document) =>
        document.RootElement.EnumerateObject().Select(p => JsonArgumentReader.TryGetName(p, out var n) ? n : throw new InvalidOperationException()).ToArray();
}
