using System.Text.Json;
using System.Text.Json.Nodes;

namespace ToolRL.Trainer.Models;

/// <summary>
/// A Qwen2/Qwen3 HF <c>config.json</c>. The parsed fields drive the model; the original JSON object is
/// kept so that saving writes back every field, known or not.
/// </summary>
public sealed class ModelConfig
{
    readonly JsonObject json;

    ModelConfig(JsonObject json)
    {
        this.json = json;
        string modelType = RequiredString("model_type");
        Family = modelType switch
        {
            "qwen2" => ModelFamily.Qwen2,
            "qwen3" => ModelFamily.Qwen3,
            _ => throw new NotSupportedException($"config.json: model_type '{modelType}' is not supported (expected 'qwen2' or 'qwen3')."),
        };
        VocabSize = RequiredInt("vocab_size");
        HiddenSize = RequiredInt("hidden_size");
        IntermediateSize = RequiredInt("intermediate_size");
        NumHiddenLayers = RequiredInt("num_hidden_layers");
        NumAttentionHeads = RequiredInt("num_attention_heads");
        NumKeyValueHeads = OptionalInt("num_key_value_heads") ?? NumAttentionHeads;
        HeadDim = OptionalInt("head_dim") ?? HiddenSize / NumAttentionHeads;
        RmsNormEps = OptionalDouble("rms_norm_eps") ?? 1e-6;
        RopeTheta = OptionalDouble("rope_theta") ?? 10000.0;
        TieWordEmbeddings = json["tie_word_embeddings"]?.GetValue<bool>() ?? false;
        // Qwen2 always has q/k/v biases (HF hard-codes them); Qwen3 reads attention_bias (default false).
        AttentionBias = Family == ModelFamily.Qwen2 || (json["attention_bias"]?.GetValue<bool>() ?? false);
        MaxPositionEmbeddings = OptionalInt("max_position_embeddings") ?? 32768;
        EosTokenIds = TokenIds(json["eos_token_id"]);
        BosTokenId = OptionalInt("bos_token_id");
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

    /// <summary>Parses config.json text.</summary>
    public static ModelConfig Parse(string text)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text); }
        catch (JsonException e) { throw new InvalidDataException($"config.json is not valid JSON: {e.Message}", e); }
        return node is JsonObject obj ? new ModelConfig(obj) : throw new InvalidDataException("config.json must be a JSON object.");
    }

    /// <summary>Reads <c>config.json</c> from a checkpoint directory.</summary>
    public static ModelConfig Load(string directory)
    {
        string path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"No config.json in '{directory}'.", path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>A copy with some fields replaced (others, unknown ones included, kept).</summary>
    public ModelConfig With(Action<JsonObject> edit)
    {
        var copy = ToJson();
        edit(copy);
        return new ModelConfig(copy);
    }

    /// <summary>The JSON text written to config.json.</summary>
    public string ToJsonString() => json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    void Validate()
    {
        if (NumAttentionHeads % NumKeyValueHeads != 0)
            throw new InvalidDataException($"config.json: num_attention_heads ({NumAttentionHeads}) must be a multiple of num_key_value_heads ({NumKeyValueHeads}).");
        if (HeadDim % 2 != 0) throw new InvalidDataException($"config.json: head_dim ({HeadDim}) must be even for rotary embeddings.");
        if (json["rope_scaling"] is JsonObject scaling)
        {
            string? type = scaling["rope_type"]?.GetValue<string>() ?? scaling["type"]?.GetValue<string>();
            if (type is not null && type != "default")
                throw new NotSupportedException($"config.json: rope_scaling type '{type}' is not supported (only plain RoPE).");
        }
        if (json["use_sliding_window"]?.GetValue<bool>() == true)
            throw new NotSupportedException("config.json: use_sliding_window=true is not supported.");
    }

    string RequiredString(string name) =>
        json[name]?.GetValue<string>() ?? throw new InvalidDataException($"config.json: missing '{name}'.");

    int RequiredInt(string name) =>
        OptionalInt(name) ?? throw new InvalidDataException($"config.json: missing '{name}'.");

    int? OptionalInt(string name)
    {
        var node = json[name];
        if (node is null) return null;
        return node.GetValueKind() == JsonValueKind.Number ? node.GetValue<int>()
            : throw new InvalidDataException($"config.json: '{name}' must be an integer.");
    }

    double? OptionalDouble(string name)
    {
        var node = json[name];
        if (node is null) return null;
        return node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>()
            : throw new InvalidDataException($"config.json: '{name}' must be a number.");
    }

    static IReadOnlyList<int> TokenIds(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => n!.GetValue<int>()).ToArray(),
        _ => [node.GetValue<int>()],
    };
}
