using System.Text.Json;

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
                        .Where(e => e.TryGetProperty("name", out var n) && n.GetString() == "default")
                        .Select(e => e.GetProperty("template").GetString()).FirstOrDefault(),
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
                if (e.ValueKind == JsonValueKind.Number) genEos.Add(e.GetInt32());
                else if (e.ValueKind == JsonValueKind.Array) genEos.AddRange(e.EnumerateArray().Select(x => x.GetInt32()));
            }
        }
        return new TokenizerConfigFile(eos, pad, template, genEos);
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    // A token is written either as a string or as an AddedToken object {"content": ...}.
    private static string? TokenText(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) ? c.GetString()
        : null;
}
