using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.IO;

namespace ToolRL.Trainer.Models;

/// <summary>
/// A Qwen2/Qwen3 HF <c>config.json</c>. The parsed fields drive the model; the original JSON object is
/// kept so that saving writes back every field, known or not.
/// </summary>
public sealed class ModelConfig
{
    readonly JsonObject json;
    readonly string path;

    ModelConfig(JsonObject json, string path)
    {
        this.json = json;
        this.path = path;
        string modelType = RequiredString("model_type");
        Family = modelType switch
        {
            "qwen2" => ModelFamily.Qwen2,
            "qwen3" => ModelFamily.Qwen3,
            _ => throw new NotSupportedException($"{path}: model_type '{modelType}' is not supported (expected 'qwen2' or 'qwen3')."),
        };
        VocabSize = RequiredInt("vocab_size");
        HiddenSize = RequiredInt("hidden_size");
        IntermediateSize = RequiredInt("intermediate_size");
        NumHiddenLayers = RequiredInt("num_hidden_layers");
        NumAttentionHeads = RequiredInt("num_attention_heads");
        NumKeyValueHeads = OptionalInt("num_key_value_heads") ?? NumAttentionHeads;
        HeadDim = OptionalInt("head_dim") ?? HiddenSize / NumAttentionHeads;
        RmsNormEps = OptionalPositiveDouble("rms_norm_eps") ?? 1e-6;
        RopeTheta = OptionalPositiveDouble("rope_theta") ?? 10000.0;
        TieWordEmbeddings = OptionalBool("tie_word_embeddings") ?? false;
        // Qwen2 always has q/k/v biases (HF hard-codes them); Qwen3 reads attention_bias (default false).
        bool attentionBias = OptionalBool("attention_bias") ?? false;
        AttentionBias = Family == ModelFamily.Qwen2 || attentionBias;
        MaxPositionEmbeddings = OptionalInt("max_position_embeddings") ?? 32768;
        EosTokenIds = TokenIds("eos_token_id");
        BosTokenId = OptionalTokenId("bos_token_id");
        Validate();
    }

    /// <summary>Qwen2 or Qwen3.</summary>
    public ModelFamily Family { get; }
    /// <summary>vocab_size.</summary>
    public int VocabSize { get; }
    /// <summary>hidden_size.</summary>
    public int HiddenSize { get; }
    /// <summary>intermediate_size (SwiGLU inner width).</summary>
    public int IntermediateSize { get; }
    /// <summary>num_hidden_layers.</summary>
    public int NumHiddenLayers { get; }
    /// <summary>num_attention_heads (query heads).</summary>
    public int NumAttentionHeads { get; }
    /// <summary>num_key_value_heads (grouped-query attention).</summary>
    public int NumKeyValueHeads { get; }
    /// <summary>head_dim (Qwen3 states it; Qwen2 derives hidden_size / heads).</summary>
    public int HeadDim { get; }
    /// <summary>rms_norm_eps.</summary>
    public double RmsNormEps { get; }
    /// <summary>rope_theta.</summary>
    public double RopeTheta { get; }
    /// <summary>tie_word_embeddings: lm_head reuses model.embed_tokens.weight.</summary>
    public bool TieWordEmbeddings { get; }
    /// <summary>Whether q/k/v projections have biases.</summary>
    public bool AttentionBias { get; }
    /// <summary>max_position_embeddings.</summary>
    public int MaxPositionEmbeddings { get; }
    /// <summary>eos_token_id (a number or a list in HF configs).</summary>
    public IReadOnlyList<int> EosTokenIds { get; }
    /// <summary>bos_token_id, if any.</summary>
    public int? BosTokenId { get; }

    /// <summary>The JSON as it will be saved (a copy).</summary>
    public JsonObject ToJson() => (JsonObject)json.DeepClone();

    /// <summary>Parses config.json text; <paramref name="path"/> names the file in errors.</summary>
    /// <exception cref="InvalidFileException">The text is not a valid config (the message names the field).</exception>
    public static ModelConfig Parse(string text, string path = "config.json")
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e) { throw new InvalidFileException(path, null, $"not valid JSON ({e.Message})", e); }
        return node is JsonObject obj ? new ModelConfig(obj, path) : throw new InvalidFileException(path, null, "must be a JSON object");
    }

    /// <summary>Reads <c>config.json</c> from a checkpoint directory.</summary>
    public static ModelConfig Load(string directory)
    {
        string path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"No config.json in '{directory}'.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>A copy with some fields replaced (others, unknown ones included, kept).</summary>
    public ModelConfig With(Action<JsonObject> edit)
    {
        var copy = ToJson();
        edit(copy);
        return new ModelConfig(copy, path);
    }

    /// <summary>The JSON text written to config.json.</summary>
    public string ToJsonString() => json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    void Validate()
    {
        if (NumAttentionHeads % NumKeyValueHeads != 0)
            throw Bad("num_key_value_heads", $"num_attention_heads ({NumAttentionHeads}) must be a multiple of it ({NumKeyValueHeads})");
        bool explicitHeadDim = json["head_dim"] is not null;
        if (!explicitHeadDim && HiddenSize % NumAttentionHeads != 0)
            throw Bad("hidden_size", $"must be a multiple of num_attention_heads ({NumAttentionHeads}) when head_dim is absent, got {HiddenSize}");
        if (HeadDim % 2 != 0)
            throw Bad(explicitHeadDim ? "head_dim" : "hidden_size", $"head_dim ({HeadDim}) must be even for rotary embeddings");
        foreach (int id in EosTokenIds)
            if (id >= VocabSize)
                throw Bad("eos_token_id", $"token id {id} is outside the vocabulary (vocab_size {VocabSize}): generation could never stop");
        if (BosTokenId is int bos && bos >= VocabSize)
            throw Bad("bos_token_id", $"token id {bos} is outside the vocabulary (vocab_size {VocabSize})");
        if (json["rope_scaling"] is JsonObject scaling)
        {
            string? type = OptionalString(scaling, "rope_type", "rope_scaling.rope_type") ?? OptionalString(scaling, "type", "rope_scaling.type");
            if (type is not null && type != "default")
                throw new NotSupportedException($"{path}: rope_scaling type '{type}' is not supported (only plain RoPE).");
        }
        if (OptionalBool("use_sliding_window") == true)
            throw new NotSupportedException($"{path}: use_sliding_window=true is not supported.");
    }

    InvalidFileException Bad(string field, string problem) => new(path, field, problem);

    static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    string RequiredString(string name) =>
        OptionalString(json, name, name) ?? throw Bad(name, "missing");

    string? OptionalString(JsonObject obj, string name, string field)
    {
        var node = obj[name];
        if (node is null) return null;
        return node is JsonValue v && v.TryGetValue<string>(out var text) ? text
            : throw Bad(field, $"must be a string, got {Describe(node)}");
    }

    int RequiredInt(string name) =>
        OptionalInt(name) ?? throw Bad(name, "missing");

    /// <summary>A size: a whole number from 1 to int.MaxValue (32.5, 1e20, "8" and 0 are errors).</summary>
    int? OptionalInt(string name)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out int value))
            throw Bad(name, $"must be a whole number from 1 to {int.MaxValue}, got {Describe(node)}");
        return value >= 1 ? value : throw Bad(name, $"must be at least 1, got {value}");
    }

    int? OptionalTokenId(string name)
    {
        var node = json[name];
        if (node is null) return null;
        return TokenId(node, name);
    }

    int TokenId(JsonNode? node, string field) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out int id) && id >= 0 ? id
            : throw Bad(field, $"must be a token id (a whole number ≥ 0), got {Describe(node)}");

    /// <summary>A finite number above 0 (rms_norm_eps: -1 would make RMSNorm divide by the square root of a negative).</summary>
    double? OptionalPositiveDouble(string name)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<double>(out double value) || !double.IsFinite(value))
            throw Bad(name, $"must be a finite number, got {Describe(node)}");
        return value > 0 ? value : throw Bad(name, $"must be above 0, got {Describe(node)}");
    }

    bool? OptionalBool(string name)
    {
        var node = json[name];
        if (node is null) return null;
        return node is JsonValue v && v.TryGetValue<bool>(out bool value) ? value
            : throw Bad(name, $"must be true or false, got {Describe(node)}");
    }

    IReadOnlyList<int> TokenIds(string name) => json[name] switch
    {
        null => [],
        JsonArray array => array.Select((n, i) => TokenId(n, $"{name}[{i}]")).ToArray(),
        var node => [TokenId(node, name)],
    };
}
