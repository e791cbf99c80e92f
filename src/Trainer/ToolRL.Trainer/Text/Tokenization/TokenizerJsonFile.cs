using System.Text.Json;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// The parts of an HF <c>tokenizer.json</c> that a Qwen byte-level BPE tokenizer needs, read and checked:
/// anything this SDK cannot reproduce exactly is rejected with a message naming it, never silently ignored.
/// </summary>
internal sealed class TokenizerJsonFile
{
    public required Dictionary<string, int> Vocabulary { get; init; }
    /// <summary>Merges in rank order, as (left, right) pairs.</summary>
    public required List<(string Left, string Right)> Merges { get; init; }
    public required List<AddedToken> AddedTokens { get; init; }
    public required bool NormalizeNfc { get; init; }

    public static TokenizerJsonFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"tokenizer.json not found: {path}", path);
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            return Read(doc.RootElement, path);
        }
    }

    private static TokenizerJsonFile Read(JsonElement root, string path)
    {
        var model = Required(root, "model", path);
        string type = model.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        if (type != "BPE") throw Unsupported(path, $"model.type '{type}' (only byte-level BPE is supported)");
        if (model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True)
            throw Unsupported(path, "model.byte_fallback = true");
        if (model.TryGetProperty("continuing_subword_prefix", out var csp) && csp.ValueKind == JsonValueKind.String && csp.GetString() != "")
            throw Unsupported(path, "model.continuing_subword_prefix");
        if (model.TryGetProperty("end_of_word_suffix", out var ews) && ews.ValueKind == JsonValueKind.String && ews.GetString() != "")
            throw Unsupported(path, "model.end_of_word_suffix");

        CheckPreTokenizer(root, path);
        bool nfc = ReadNormalizer(root, path);

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Required(model, "vocab", path).EnumerateObject())
        {
            if (!vocab.TryAdd(entry.Name, entry.Value.GetInt32()))
                throw new InvalidDataException($"{path}: duplicate vocabulary entry '{entry.Name}'.");
        }
        var missingBytes = ByteLevelAlphabet.ByteToChar.Where(c => !vocab.ContainsKey(c.ToString())).ToList();
        if (missingBytes.Count > 0)
            throw Unsupported(path, $"a vocabulary without the byte-level alphabet (missing {missingBytes.Count} of 256 byte tokens)");

        var merges = new List<(string, string)>();
        foreach (var merge in Required(model, "merges", path).EnumerateArray())
        {
            merges.Add(ParseMerge(merge, path));
        }

        var added = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in addedTokens.EnumerateArray())
            {
                string content = a.GetProperty("content").GetString()
                    ?? throw new InvalidDataException($"{path}: an added token has no content.");
                bool special = a.TryGetProperty("special", out var sp) && sp.ValueKind == JsonValueKind.True;
                added.Add(new AddedToken(a.GetProperty("id").GetInt32(), content, special));
            }
        }
        return new TokenizerJsonFile { Vocabulary = vocab, Merges = merges, AddedTokens = added, NormalizeNfc = nfc };
    }

    private static (string, string) ParseMerge(JsonElement merge, string path)
    {
        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            return (merge[0].GetString()!, merge[1].GetString()!);
        if (merge.ValueKind == JsonValueKind.String)
        {
            string s = merge.GetString()!;
            int space = s.IndexOf(' ', 1);
            if (space > 0 && space < s.Length - 1 && s.IndexOf(' ', space + 1) < 0) return (s[..space], s[(space + 1)..]);
        }
        throw new InvalidDataException($"{path}: malformed merge entry {merge.GetRawText()}.");
    }

    private static void CheckPreTokenizer(JsonElement root, string path)
    {
        var pre = Required(root, "pre_tokenizer", path);
        var steps = pre.GetProperty("type").GetString() == "Sequence"
            ? pre.GetProperty("pretokenizers").EnumerateArray().ToList()
            : [pre];
        bool split = false, byteLevel = false;
        foreach (var step in steps)
        {
            switch (step.GetProperty("type").GetString())
            {
                case "Split":
                    string? regex = step.GetProperty("pattern").TryGetProperty("Regex", out var r) ? r.GetString() : null;
                    if (regex != QwenPreTokenizer.Pattern) throw Unsupported(path, $"pre-tokenizer split pattern {regex ?? "(not a regex)"}");
                    if (step.TryGetProperty("behavior", out var b) && b.GetString() != "Isolated") throw Unsupported(path, $"split behavior {b.GetString()}");
                    split = true;
                    break;
                case "ByteLevel":
                    if (step.TryGetProperty("add_prefix_space", out var aps) && aps.ValueKind == JsonValueKind.True) throw Unsupported(path, "ByteLevel add_prefix_space = true");
                    if (step.TryGetProperty("use_regex", out var ur) && ur.ValueKind == JsonValueKind.True) throw Unsupported(path, "ByteLevel use_regex = true");
                    byteLevel = true;
                    break;
                case var other:
                    throw Unsupported(path, $"pre-tokenizer '{other}'");
            }
        }
        if (!split || !byteLevel) throw Unsupported(path, "a pre-tokenizer other than Qwen's Split + ByteLevel");
    }

    private static bool ReadNormalizer(JsonElement root, string path)
    {
        if (!root.TryGetProperty("normalizer", out var n) || n.ValueKind == JsonValueKind.Null) return false;
        string? type = n.GetProperty("type").GetString();
        return type == "NFC" ? true : throw Unsupported(path, $"normalizer '{type}'");
    }

    private static JsonElement Required(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw new InvalidDataException($"{path}: missing '{name}'.");

    private static NotSupportedException Unsupported(string path, string what) =>
        new($"{path}: unsupported tokenizer feature: {what}. Only Qwen2/Qwen2.5/Qwen3 byte-level BPE tokenizers are supported.");
}
