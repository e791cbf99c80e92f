using System.Text.Json;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// Writes a minimal Qwen-compatible tokenizer (tokenizer.json + tokenizer_config.json): the 256 byte-level
/// tokens (ids 0–255), optional merges, and Qwen's chat and tool added tokens after them. For tiny test
/// checkpoints that must not depend on a downloaded tokenizer; any text encodes (at worst byte by byte).
/// </summary>
internal static class TinyQwenTokenizerFiles
{
    /// <summary>The added tokens written, in id order; the first three are special.</summary>
    public static IReadOnlyList<string> AddedTokens { get; } =
    [
        QwenSpecialTokens.EndOfText, QwenSpecialTokens.ImStart, QwenSpecialTokens.ImEnd,
        QwenSpecialTokens.ToolCall, QwenSpecialTokens.ToolCallEnd, QwenSpecialTokens.ToolResponse,
        QwenSpecialTokens.ToolResponseEnd, QwenSpecialTokens.Think, QwenSpecialTokens.ThinkEnd,
    ];

    /// <summary>
    /// Writes the files into <paramref name="directory"/> and returns the vocabulary size. Each merge's parts
    /// must be byte-level tokens or results of earlier merges (written in the byte-level alphabet, e.g. <c>Ġ</c> for a space).
    /// </summary>
    public static int Write(string directory, IReadOnlyList<(string Left, string Right)>? merges = null)
    {
        merges ??= [];
        var vocab = new List<string>(ByteLevelAlphabet.ByteToChar.Select(c => c.ToString()));
        var known = new HashSet<string>(vocab, StringComparer.Ordinal);
        foreach (var (left, right) in merges)
        {
            if (!known.Contains(left) || !known.Contains(right))
                throw new ArgumentException($"Merge ('{left}', '{right}') uses a token that is neither a byte nor an earlier merge's result.", nameof(merges));
            if (known.Add(left + right)) vocab.Add(left + right);
        }

        Directory.CreateDirectory(directory);
        var options = new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var stream = File.Create(Path.Combine(directory, "tokenizer.json")))
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteNull("truncation");
            w.WriteNull("padding");
            w.WriteStartArray("added_tokens");
            for (int i = 0; i < AddedTokens.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", vocab.Count + i);
                w.WriteString("content", AddedTokens[i]);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("special", i < 3);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("normalizer");
            w.WriteString("type", "NFC");
            w.WriteEndObject();
            w.WriteStartObject("pre_tokenizer");
            w.WriteString("type", "Sequence");
            w.WriteStartArray("pretokenizers");
            w.WriteStartObject();
            w.WriteString("type", "Split");
            w.WriteStartObject("pattern");
            w.WriteString("Regex", QwenPreTokenizer.Pattern);
            w.WriteEndObject();
            w.WriteString("behavior", "Isolated");
            w.WriteBoolean("invert", false);
            w.WriteEndObject();
            WriteByteLevel(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WritePropertyName("post_processor");
            WriteByteLevel(w);
            w.WritePropertyName("decoder");
            WriteByteLevel(w);
            w.WriteStartObject("model");
            w.WriteString("type", "BPE");
            w.WriteNull("dropout");
            w.WriteNull("unk_token");
            w.WriteString("continuing_subword_prefix", "");
            w.WriteString("end_of_word_suffix", "");
            w.WriteBoolean("fuse_unk", false);
            w.WriteBoolean("byte_fallback", false);
            w.WriteBoolean("ignore_merges", false);
            w.WriteStartObject("vocab");
            for (int i = 0; i < vocab.Count; i++) w.WriteNumber(vocab[i], i);
            w.WriteEndObject();
            w.WriteStartArray("merges");
            foreach (var (left, right) in merges)
            {
                w.WriteStartArray();
                w.WriteStringValue(left);
                w.WriteStringValue(right);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        using (var stream = File.Create(Path.Combine(directory, "tokenizer_config.json")))
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("tokenizer_class", "Qwen2Tokenizer");
            w.WriteString("eos_token", QwenSpecialTokens.ImEnd);
            w.WriteString("pad_token", QwenSpecialTokens.EndOfText);
            w.WriteEndObject();
        }
        return vocab.Count + AddedTokens.Count;
    }

    private static void WriteByteLevel(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "ByteLevel");
        w.WriteBoolean("add_prefix_space", false);
        w.WriteBoolean("trim_offsets", false);
        w.WriteBoolean("use_regex", false);
        w.WriteEndObject();
    }
}
