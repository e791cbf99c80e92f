using System.Text.Json;
using ToolRL.IO;

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
            throw new InvalidFileException(path, null, $"not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            return Read(doc.RootElement, path);
        }
    }

    private static TokenizerJsonFile Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Bad(path, null, $"must be a JSON object, got {Json.Describe(root.ValueKind)}");
        var model = RequiredObject(root, "model", "model", path);
        string type = OptionalString(model, "type", "model.type", path) ?? "";
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
        foreach (var entry in RequiredObject(model, "vocab", "model.vocab", path).EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out int id) || id < 0)
                throw Bad(path, "model.vocab", $"the id of '{entry.Name}' must be a whole number ≥ 0, got {entry.Value.GetRawText()}");
            if (!vocab.TryAdd(entry.Name, id))
                throw Bad(path, "model.vocab", $"duplicate vocabulary entry '{entry.Name}'");
        }
        var missingBytes = ByteLevelAlphabet.ByteToChar.Where(c => !vocab.ContainsKey(c.ToString())).ToList();
        if (missingBytes.Count > 0)
            throw Unsupported(path, $"a vocabulary without the byte-level alphabet (missing {missingBytes.Count} of 256 byte tokens)");

        var merges = new List<(string, string)>();
        foreach (var merge in RequiredArray(model, "merges", "model.merges", path).EnumerateArray())
        {
            merges.Add(ParseMerge(merge, path));
        }

        var added = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind != JsonValueKind.Null)
        {
            if (addedTokens.ValueKind != JsonValueKind.Array) throw Bad(path, "added_tokens", $"must be an array, got {Json.Describe(addedTokens.ValueKind)}");
            int index = 0;
            foreach (var a in addedTokens.EnumerateArray())
            {
                string field = $"added_tokens[{index++}]";
                if (a.ValueKind != JsonValueKind.Object) throw Bad(path, field, $"must be an object, got {Json.Describe(a.ValueKind)}");
                string content = OptionalString(a, "content", field + ".content", path)
                    ?? throw Bad(path, field + ".content", "missing");
                if (!a.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
                    || !idElement.TryGetInt32(out int id) || id < 0)
                    throw Bad(path, field + ".id", "missing or not a whole number ≥ 0");
                bool special = a.TryGetProperty("special", out var sp) && sp.ValueKind == JsonValueKind.True;
                added.Add(new AddedToken(id, content, special));
            }
        }
        return new TokenizerJsonFile { Vocabulary = vocab, Merges = merges, AddedTokens = added, NormalizeNfc = nfc };
    }

    private static (string, string) ParseMerge(JsonElement merge, string path)
    {
        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
            && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
            return (merge[0].GetString()!, merge[1].GetString()!);
        if (merge.ValueKind == JsonValueKind.String)
        {
            string s = merge.GetString()!;
            int space = s.IndexOf(' ', 1);
            if (space > 0 && space < s.Length - 1 && s.IndexOf(' ', space + 1) < 0) return (s[..space], s[(space + 1)..]);
        }
        throw Bad(path, "model.merges", $"malformed merge entry {merge.GetRawText()}");
    }

    private static void CheckPreTokenizer(JsonElement root, string path)
    {
        var pre = RequiredObject(root, "pre_tokenizer", "pre_tokenizer", path);
        var steps = OptionalString(pre, "type", "pre_tokenizer.type", path) == "Sequence"
            ? RequiredArray(pre, "pretokenizers", "pre_tokenizer.pretokenizers", path).EnumerateArray().ToList()
            : [pre];
        bool split = false, byteLevel = false;
        foreach (var step in steps)
        {
            if (step.ValueKind != JsonValueKind.Object) throw Bad(path, "pre_tokenizer", $"a step must be an object, got {Json.Describe(step.ValueKind)}");
            switch (OptionalString(step, "type", "pre_tokenizer.type", path))
            {
                case "Split":
                    var pattern = RequiredObject(step, "pattern", "pre_tokenizer.pattern", path);
                    string? regex = OptionalString(pattern, "Regex", "pre_tokenizer.pattern.Regex", path);
                    if (regex != QwenPreTokenizer.Pattern) throw Unsupported(path, $"pre-tokenizer split pattern {regex ?? "(not a regex)"}");
                    string? behavior = OptionalString(step, "behavior", "pre_tokenizer.behavior", path);
                    if (behavior is not null && behavior != "Isolated") throw Unsupported(path, $"split behavior {behavior}");
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
        if (n.ValueKind != JsonValueKind.Object) throw Bad(path, "normalizer", $"must be an object, got {Json.Describe(n.ValueKind)}");
        string? type = OptionalString(n, "type", "normalizer.type", path);
        return type == "NFC" ? true : throw Unsupported(path, $"normalizer '{type}'");
    }

    private static JsonElement RequiredObject(JsonElement e, string name, string field, string path) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? throw Bad(path, field, "missing")
        : v.ValueKind == JsonValueKind.Object ? v
        : throw Bad(path, field, $"must be an object, got {Json.Describe(v.ValueKind)}");

    private static JsonElement RequiredArray(JsonElement e, string name, string field, string path) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? throw Bad(path, field, "missing")
        : v.ValueKind == JsonValueKind.Array ? v
        : throw Bad(path, field, $"must be an array, got {Json.Describe(v.ValueKind)}");

    private static string? OptionalString(JsonElement e, string name, string field, string path) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw Bad(path, field, $"must be a string, got {Json.Describe(v.ValueKind)}");

    private static InvalidFileException Bad(string path, string? field, string problem) => new(path, field, problem);

    private static NotSupportedException Unsupported(string path, string what) =>
        new($"{path}: unsupported tokenizer feature: {what}. Only Qwen2/Qwen2.5/Qwen3 byte-level BPE tokenizers are supported.");
}
