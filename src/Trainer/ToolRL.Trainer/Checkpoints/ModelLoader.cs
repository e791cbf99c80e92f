using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using ToolRL.Trainer.Models;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>
/// Loads an HF Qwen2/Qwen3 checkpoint folder: config.json, model.safetensors or a sharded
/// model.safetensors.index.json, and the end tokens of generation_config.json.
/// </summary>
public static class ModelLoader
{
    /// <summary>Loads the model onto <paramref name="device"/> (default CPU) in <paramref name="dtype"/> (default float32).</summary>
    public static CausalLM Load(string directory, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Checkpoint folder '{directory}' does not exist.");
        var config = ModelConfig.Load(directory);
        var model = new CausalLM(config, device, dtype);
        try
        {
            LoadWeights(model, WeightFiles(directory));
            model.EndTokenIds = EndTokens(directory, config);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies every tensor of the files into the model's parameters, checking names and shapes.</summary>
    public static void LoadWeights(CausalLM model, IReadOnlyList<string> files)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var loaded = new HashSet<string>();
        var unexpected = new List<string>();
        using var noGrad = no_grad();
        foreach (string file in files)
        {
            using var reader = SafetensorsFile.Open(file);
            foreach (var entry in reader.Entries.Values)
            {
                if (!parameters.TryGetValue(entry.Name, out var parameter))
                {
                    // HF ties by reference and may still store lm_head; rotary buffers are recomputed.
                    bool ignorable = (entry.Name == "lm_head.weight" && model.Config.TieWordEmbeddings) || entry.Name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);
                    if (!ignorable) unexpected.Add(entry.Name);
                    continue;
                }
                if (!entry.Shape.SequenceEqual(parameter.shape))
                    throw new InvalidDataException($"Tensor '{entry.Name}' in '{file}' has shape [{string.Join(", ", entry.Shape)}] but the model (from config.json) expects [{string.Join(", ", parameter.shape)}].");
                using var tensor = reader.Read(entry.Name);
                using var converted = tensor.to(parameter.dtype, parameter.device);
                parameter.copy_(converted);
                loaded.Add(entry.Name);
            }
        }
        var missing = parameters.Keys.Where(n => !loaded.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"Checkpoint is missing {missing.Count} tensor(s): {string.Join(", ", missing.Take(8))}{(missing.Count > 8 ? ", …" : "")}.");
        if (unexpected.Count > 0)
            throw new InvalidDataException($"Checkpoint has {unexpected.Count} tensor(s) this {model.Config.Family} model does not use: {string.Join(", ", unexpected.Take(8))}{(unexpected.Count > 8 ? ", …" : "")}.");
    }

    /// <summary>model.safetensors, or the shards named by model.safetensors.index.json.</summary>
    public static IReadOnlyList<string> WeightFiles(string directory)
    {
        string single = Path.Combine(directory, "model.safetensors");
        if (File.Exists(single)) return [single];
        string index = Path.Combine(directory, "model.safetensors.index.json");
        if (!File.Exists(index))
            throw new FileNotFoundException($"No model.safetensors or model.safetensors.index.json in '{directory}'.");
        var map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
            ?? throw new InvalidDataException($"'{index}' has no weight_map object.");
        return map.Select(p => p.Value!.GetValue<string>()).Distinct().Select(f => Path.Combine(directory, f)).ToList();
    }

    static IReadOnlyList<int> EndTokens(string directory, ModelConfig config)
    {
        var ids = new List<int>(config.EosTokenIds);
        string path = Path.Combine(directory, "generation_config.json");
        if (File.Exists(path))
        {
            try
            {
                switch (JsonNode.Parse(File.ReadAllText(path))?["eos_token_id"])
                {
                    case JsonArray array: ids.AddRange(array.Select(n => n!.GetValue<int>())); break;
                    case JsonNode node: ids.Add(node.GetValue<int>()); break;
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e);
            }
        }
        return ids.Distinct().ToArray();
    }
}
