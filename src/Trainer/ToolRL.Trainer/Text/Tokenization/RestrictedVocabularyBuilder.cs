using System.Text.Json;
using ToolRL.IO;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// Shrinks a Qwen tokenizer to the tokens a corpus needs, for small embedded policies: it keeps the 256
/// byte-level tokens, every added token, and the BPE tokens (with all merges leading to them) that the full
/// tokenizer produces on the corpus. Ids are renumbered densely (bytes, then BPE tokens, then added tokens,
/// each in their original order).
/// </summary>
/// <remarks>
/// Why the corpus encodes to the same token strings: BPE applies, at each step, the lowest-ranked merge among
/// adjacent pairs. Every merge the full tokenizer applies on the corpus builds a token on the way to a kept
/// token, so it is kept; the kept merges keep their relative order and are a subset of the full list, so no
/// merge the full tokenizer would not have applied can win. Any other text still encodes, at worst byte by byte.
/// </remarks>
internal static class RestrictedVocabularyBuilder
{
    /// <summary>
    /// Reads <c>tokenizer.json</c> (and <c>tokenizer_config.json</c>, <c>generation_config.json</c> when present) from
    /// <paramref name="sourceDirectory"/> and writes their restricted versions to <paramref name="outputDirectory"/>.
    /// </summary>
    public static RestrictedVocabulary Build(string sourceDirectory, IEnumerable<string> corpus, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        string sourceJson = Path.Combine(sourceDirectory, "tokenizer.json");
        var file = TokenizerJsonFile.Read(sourceJson);
        string? Optional(string name) => File.Exists(Path.Combine(sourceDirectory, name)) ? Path.Combine(sourceDirectory, name) : null;
        var full = QwenTokenizer.Create(file, TokenizerConfigFile.Read(Optional("tokenizer_config.json"), Optional("generation_config.json")));

        var kept = new HashSet<string>(ByteLevelAlphabet.ByteToChar.Select(c => c.ToString()), StringComparer.Ordinal);
        var added = file.AddedTokens.Select(t => t.Id).ToHashSet();
        foreach (string text in corpus)
        {
            foreach (int id in full.Encode(text ?? throw new ArgumentException("The corpus contains a null text.", nameof(corpus))))
            {
                if (!added.Contains(id)) kept.Add(full.IdToToken(id)!);
            }
        }
        AddMergeAncestors(kept, file.Merges);

        // Dense ids: byte tokens, then the other kept tokens, then added tokens, each in original id order.
        var byteTokens = ByteLevelAlphabet.ByteToChar.Select(c => c.ToString()).ToHashSet(StringComparer.Ordinal);
        var newVocab = kept.OrderBy(t => byteTokens.Contains(t) ? 0 : 1).ThenBy(t => file.Vocabulary[t])
            .Select((token, index) => (token, index)).ToDictionary(x => x.token, x => x.index, StringComparer.Ordinal);
        var idMap = newVocab.ToDictionary(kv => file.Vocabulary[kv.Key], kv => kv.Value);
        int next = newVocab.Count;
        foreach (var t in file.AddedTokens.OrderBy(t => t.Id))
        {
            if (!idMap.ContainsKey(t.Id)) idMap[t.Id] = next++;
        }
        var merges = file.Merges.Where(m => kept.Contains(m.Left) && kept.Contains(m.Right) && kept.Contains(m.Left + m.Right)).ToList();

        Directory.CreateDirectory(outputDirectory);
        WriteTokenizerJson(sourceJson, Path.Combine(outputDirectory, "tokenizer.json"), newVocab, merges, idMap);
        RemapConfig(Path.Combine(sourceDirectory, "tokenizer_config.json"), Path.Combine(outputDirectory, "tokenizer_config.json"), idMap);
        RemapConfig(Path.Combine(sourceDirectory, "generation_config.json"), Path.Combine(outputDirectory, "generation_config.json"), idMap);
        return new RestrictedVocabulary(next, newVocab.Count, merges.Count, idMap);
    }

    // Closes `kept` under "a token's merge parts are kept", over every merge that produces a kept token.
    private static void AddMergeAncestors(HashSet<string> kept, List<(string Left, string Right)> merges)
    {
        var producers = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var m in merges)
        {
            string result = m.Left + m.Right;
            if (!producers.TryGetValue(result, out var list)) producers[result] = list = [];
            list.Add(m);
        }
        var work = new Stack<string>(kept);
        while (work.Count > 0)
        {
            if (!producers.TryGetValue(work.Pop(), out var list)) continue;
            foreach (var (left, right) in list)
            {
                if (kept.Add(left)) work.Push(left);
                if (kept.Add(right)) work.Push(right);
            }
        }
    }

    private static void WriteTokenizerJson(string sourcePath, string outputPath, Dictionary<string, int> vocab, List<(string Left, string Right)> merges, Dictionary<int, int> idMap)
    {
        using var source = JsonDocument.Parse(File.ReadAllBytes(sourcePath), new JsonDocumentOptions { MaxDepth = 256 });
        WriteAtomically(outputPath, writer =>
        {
            writer.WriteStartObject();
            foreach (var property in source.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "added_tokens":
                        writer.WriteStartArray("added_tokens");
                        foreach (var token in property.Value.EnumerateArray())
                        {
                            writer.WriteStartObject();
                            foreach (var p in token.EnumerateObject())
                            {
                                if (p.Name == "id") writer.WriteNumber("id", idMap[p.Value.GetInt32()]);
                                else p.WriteTo(writer);
                            }
                            writer.WriteEndObject();
                        }
                        writer.WriteEndArray();
                        break;
                    case "model":
                        writer.WriteStartObject("model");
                        bool pairs = property.Value.GetProperty("merges").EnumerateArray().FirstOrDefault().ValueKind != JsonValueKind.String;
                        foreach (var p in property.Value.EnumerateObject())
                        {
                            if (p.Name == "vocab")
                            {
                                writer.WriteStartObject("vocab");
                                foreach (var (token, id) in vocab.OrderBy(kv => kv.Value)) writer.WriteNumber(token, id);
                                writer.WriteEndObject();
                            }
                            else if (p.Name == "merges")
                            {
                                writer.WriteStartArray("merges");
                                foreach (var (left, right) in merges)
                                {
                                    if (pairs) { writer.WriteStartArray(); writer.WriteStringValue(left); writer.WriteStringValue(right); writer.WriteEndArray(); }
                                    else writer.WriteStringValue(left + " " + right);
                                }
                                writer.WriteEndArray();
                            }
                            else p.WriteTo(writer);
                        }
                        writer.WriteEndObject();
                        break;
                    default:
                        property.WriteTo(writer);
                        break;
                }
            }
            writer.WriteEndObject();
        });
    }

    // Rewrites token ids in a config: the keys of added_tokens_decoder and the *_token_id settings.
    private static void RemapConfig(string sourcePath, string outputPath, Dictionary<int, int> idMap)
    {
        if (!File.Exists(sourcePath)) return;
        using var source = JsonDocument.Parse(File.ReadAllBytes(sourcePath));
        int Map(int id) => idMap.TryGetValue(id, out int mapped)
            ? mapped
            : throw new InvalidDataException($"{sourcePath}: token id {id} is neither an added token nor kept in the restricted vocabulary.");
        WriteAtomically(outputPath, writer =>
        {
            writer.WriteStartObject();
            foreach (var p in source.RootElement.EnumerateObject())
            {
                if (p.Name == "added_tokens_decoder" && p.Value.ValueKind == JsonValueKind.Object)
                {
                    writer.WriteStartObject(p.Name);
                    foreach (var entry in p.Value.EnumerateObject())
                    {
                        writer.WritePropertyName(Map(int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        entry.Value.WriteTo(writer);
                    }
                    writer.WriteEndObject();
                }
                else if (p.Name.EndsWith("_token_id", StringComparison.Ordinal) && p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.Array)
                {
                    writer.WritePropertyName(p.Name);
                    if (p.Value.ValueKind == JsonValueKind.Number) writer.WriteNumberValue(Map(p.Value.GetInt32()));
                    else
                    {
                        writer.WriteStartArray();
                        foreach (var id in p.Value.EnumerateArray()) writer.WriteNumberValue(Map(id.GetInt32()));
                        writer.WriteEndArray();
                    }
                }
                else p.WriteTo(writer);
            }
            writer.WriteEndObject();
        });
    }

    private static void WriteAtomically(string path, Action<Utf8JsonWriter> write)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            write(writer);
        });
    }
}

/// <summary>What <see cref="RestrictedVocabularyBuilder.Build"/> wrote.</summary>
/// <param name="VocabularySize">Tokens in the restricted tokenizer, added tokens included (the embedding rows a model needs).</param>
/// <param name="BpeTokenCount">BPE vocabulary entries (256 bytes plus the corpus' tokens and their merge parts).</param>
/// <param name="MergeCount">Merges kept.</param>
/// <param name="IdMap">Original id → new id, for every kept token; useful to slice a full model's embedding rows.</param>
public sealed record RestrictedVocabulary(int VocabularySize, int BpeTokenCount, int MergeCount, IReadOnlyDictionary<int, int> IdMap);
