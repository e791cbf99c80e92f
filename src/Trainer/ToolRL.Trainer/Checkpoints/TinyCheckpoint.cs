using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Trainer.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>Writes randomly initialized Qwen2/Qwen3 checkpoints of any size, for tests and the offline default.</summary>
public static class TinyCheckpoint
{
    /// <summary>
    /// Writes config.json, model.safetensors (fp32) and generation_config.json to <paramref name="directory"/>,
    /// plus copies of <paramref name="tokenizerFiles"/> (e.g. tokenizer.json) if given. Same seed → same bytes.
    /// </summary>
    public static ModelConfig Write(string directory, ModelFamily family, TinyModelSizes? sizes = null, int seed = 0, IEnumerable<string>? tokenizerFiles = null)
    {
        sizes ??= new TinyModelSizes();
        var config = ModelConfig.Parse(ConfigJson(family, sizes).ToJsonString());
        using (var model = new CausalLM(config))
        {
            Randomize(model, sizes.InitStd, seed);
            ModelSaver.Save(model, directory);
        }
        var generation = new JsonObject
        {
            ["bos_token_id"] = config.BosTokenId,
            ["eos_token_id"] = new JsonArray(config.EosTokenIds.Select(id => (JsonNode)id).ToArray()),
            ["do_sample"] = true,
            ["temperature"] = 0.7,
            ["top_p"] = 0.8,
            ["top_k"] = 20,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, "generation_config.json"), generation.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        foreach (string file in tokenizerFiles ?? [])
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"Tokenizer file '{file}' does not exist.", file);
            AtomicFile.Write(Path.Combine(directory, Path.GetFileName(file)), s => { using var f = File.OpenRead(file); f.CopyTo(s); });
        }
        return config;
    }

    /// <summary>Fills weights ~ N(0, std²), norms ~ 1 + N(0, std²), deterministically from the seed.</summary>
    public static void Randomize(CausalLM model, double std, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            parameter.normal_(0, std, generator);
            if (name.EndsWith("norm.weight", StringComparison.Ordinal)) parameter.PlusInPlace(1.0);
        }
    }

    static JsonObject ConfigJson(ModelFamily family, TinyModelSizes s)
    {
        if (family == ModelFamily.Qwen2 && s.HeadDim * s.Heads != s.HiddenSize)
            throw new ArgumentException($"Qwen2 derives head_dim from hidden_size / heads: set HeadDim = {s.HiddenSize / s.Heads} or change HiddenSize.");
        var eos = s.EosTokenIds ?? [s.VocabSize - 1];
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(family == ModelFamily.Qwen2 ? "Qwen2ForCausalLM" : "Qwen3ForCausalLM"),
            ["model_type"] = family == ModelFamily.Qwen2 ? "qwen2" : "qwen3",
            ["vocab_size"] = s.VocabSize,
            ["hidden_size"] = s.HiddenSize,
            ["intermediate_size"] = s.IntermediateSize,
            ["num_hidden_layers"] = s.Layers,
            ["num_attention_heads"] = s.Heads,
            ["num_key_value_heads"] = s.KeyValueHeads,
            ["hidden_act"] = "silu",
            ["max_position_embeddings"] = 4096,
            ["rms_norm_eps"] = 1e-6,
            ["rope_theta"] = s.RopeTheta,
            ["rope_scaling"] = null,
            ["tie_word_embeddings"] = s.TieWordEmbeddings,
            ["use_cache"] = true,
            ["use_sliding_window"] = false,
            ["attention_dropout"] = 0.0,
            ["initializer_range"] = s.InitStd,
            ["bos_token_id"] = eos[0],
            ["eos_token_id"] = eos.Count == 1 ? eos[0] : new JsonArray(eos.Select(id => (JsonNode)id).ToArray()),
            ["torch_dtype"] = "float32",
            ["transformers_version"] = "4.51.0",
        };
        if (family == ModelFamily.Qwen3)
        {
            json["head_dim"] = s.HeadDim;
            json["attention_bias"] = false;
        }
        return json;
    }
}
