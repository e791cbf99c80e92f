using System.Text.Json;
using ToolRL.IO;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>What the tokenizer takes from <c>tokenizer_config.json</c> and <c>generation_config.json</c>.</summary>
internal sealed record TokenizerConfigFile(string? EosToken, string? PadToken, string? ChatTemplate, IReadOnlyList<int> GenerationEosIds)
{
    public static TokenizerConfigFile Read(string? tokenizerConfigPath, string? generationConfigPath)
    {
        string? eos = null, pad = null, template = null;
        if (tokenizerConfigPath is not null)
        {
            using var doc = Parse(tokenizerConfigPath);
            var root = doc.RootElement;
            eos = TokenText(root, "eos_token");
            pad = TokenText(root, "pad_token");
            if (root.TryGetProperty("chat_template", out var ct))
            {
                template = ct.ValueKind switch
                {
                    JsonValueKind.String => ct.GetString(),
                    // Some configs list named templates; the default one is what apply_chat_template uses.
                    JsonValueKind.Array => ct.EnumerateArray()
                        .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out var n)
                            && n.ValueKind == JsonValueKind.String && n.GetString() == "default")
                        .Select(e => e.TryGetProperty("template", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                            : throw new InvalidFileException(tokenizerConfigPath, "chat_template.template", "the default template must be a string"))
                        .FirstOrDefault(),
                    _ => null,
                };
            }
        }
        var genEos = new List<int>();
        if (generationConfigPath is not null)
        {
            using var doc = Parse(generationConfigPath);
            if (doc.RootElement.TryGetProperty("eos_token_id", out var e))
            {
                if (e.ValueKind == JsonValueKind.Array) genEos.AddRange(e.EnumerateArray().Select((x, i) => TokenId(x, generationConfigPath, $"eos_token_id[{i}]")));
                else if (e.ValueKind != JsonValueKind.Null) genEos.Add(TokenId(e, generationConfigPath, "eos_token_id"));
            }
        }
        return new TokenizerConfigFile(eos, pad, template, genEos);
    }

    private static int TokenId(JsonElement e, string path, string field) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int id) && id >= 0 ? id
            : throw new InvalidFileException(path, field, $"must be a token id (a whole number ≥ 0), got {e.GetRawText()}");

    private static JsonDocument Parse(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidFileException(path, null, $"not valid JSON ({ex.Message})", ex);
        }
        if (doc.RootElement.ValueKind == JsonValueKind.Object)
            return doc;
        doc.Dispose();
        throw new InvalidFileException(path, null, "must be a JSON object");
    }

    // A token is written either as a string or as an AddedToken object {"content": ...}.
    private static string? TokenText(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) ? c.GetString()
        : null;
}
