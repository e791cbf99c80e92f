using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Trainer.Models;
using TorchSharp;
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
                    throw new InvalidFileException(file, entry.Name, $"shape [{string.Join(", ", entry.Shape)}] but the model (from config.json) expects [{string.Join(", ", parameter.shape)}]");
                using var tensor = reader.Read(entry.Name);
                // NaN or infinite weights load without complaint and only show up as NaN losses steps later.
                using (var finite = isfinite(tensor))
                using (var all = finite.all())
                    if (!all.item<bool>())
                        throw new InvalidFileException(file, entry.Name, "the tensor holds NaN or infinite values");
                using var converted = tensor.to(parameter.dtype, parameter.device);
                parameter.copy_(converted);
                loaded.Add(entry.Name);
            }
        }
        var missing = parameters.Keys.Where(n => !loaded.Contains(n)).ToList();
        string source = files.Count switch { 0 => "(no weight files)", 1 => files[0], _ => Path.GetDirectoryName(Path.GetFullPath(files[0])) ?? files[0] };
        if (missing.Count > 0)
            throw new InvalidFileException(source, null, $"the checkpoint is missing {missing.Count} tensor(s): {string.Join(", ", missing.Take(8))}{(missing.Count > 8 ? ", …" : "")}.");
        if (unexpected.Count > 0)
            throw new InvalidFileException(source, null, $"the checkpoint has {unexpected.Count} tensor(s) this {model.Config.Family} model does not use: {string.Join(", ", unexpected.Take(8))}{(unexpected.Count > 8 ? ", …" : "")}.");
    }

    /// <summary>model.safetensors, or the shards named by model.safetensors.index.json.</summary>
    public static IReadOnlyList<string> WeightFiles(string directory)
    {
        string single = Path.Combine(directory, "model.safetensors");
        if (File.Exists(single)) return [single];
        string index = Path.Combine(directory, "model.safetensors.index.json");
        if (!File.Exists(index))
            throw new FileNotFoundException($"No model.safetensors or model.safetensors.index.json in '{directory}'.");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(index)); }
        catch (JsonException e) { throw new InvalidFileException(index, null, $"not valid JSON ({e.Message})", e); }
        var map = root?["weight_map"] as JsonObject
            ?? throw new InvalidFileException(index, "weight_map", "missing or not an object");
        var files = new List<string>();
        foreach (var (tensor, value) in map)
        {
            string name = value is JsonValue v && v.TryGetValue<string>(out var text) ? text
                : throw new InvalidFileException(index, $"weight_map.{tensor}", "must be a file name");
            files.Add(ShardPath(directory, name, index, $"weight_map.{tensor}"));
        }
        return files.Distinct().ToList();
    }

    /// <summary>A shard named by the index: a file directly in the checkpoint folder, never a path out of it.</summary>
    static string ShardPath(string directory, string name, string index, string field)
    {
        // Refused, not resolved: an index is input, and "../../x" or "/etc/x" would read outside the checkpoint.
        if (name.Length == 0 || Path.IsPathRooted(name) || name != Path.GetFileName(name) || name is "." or ".."
            || name.Contains('/') || name.Contains('\\'))
            throw new InvalidFileException(index, field, $"'{name}' is not a file name inside the checkpoint folder");
        return Path.Combine(directory, name);
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
                    case JsonArray array: ids.AddRange(array.Select((n, i) => EndTokenId(n, path, $"eos_token_id[{i}]", config))); break;
                    case JsonNode node: ids.Add(EndTokenId(node, path, "eos_token_id", config)); break;
                }
            }
            catch (JsonException e)
            {
                throw new InvalidFileException(path, null, $"not valid JSON ({e.Message})", e);
            }
        }
        return ids.Distinct().ToArray();
    }

    static int EndTokenId(JsonNode? node, string path, string field, ModelConfig config)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out int id) || id < 0)
            throw new InvalidFileException(path, field, $"must be a token id (a whole number ≥ 0), got {node?.ToJsonString() ?? "null"}");
        return id < config.VocabSize ? id
            : throw new InvalidFileException(path, field, $"token id {id} is outside the vocabulary (vocab_size {config.VocabSize}): generation could never stop");
    }
}
