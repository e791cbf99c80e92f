using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Text.ChatTemplates;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>
/// Saves a model as a self-contained HF checkpoint folder, each file atomically: config.json and model.safetensors,
/// the tokenizer and generation files of a source folder, a generation_config.json with the model's end tokens when
/// the source has none, and the chat options it was trained with (<see cref="CheckpointChatOptions"/>).
/// </summary>
public static class ModelSaver
{
    /// <summary>Files copied from a source checkpoint when asked (tokenizer and generation settings).</summary>
    public static readonly IReadOnlyList<string> CompanionFiles =
        ["generation_config.json", "tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "special_tokens_map.json", "added_tokens.json"];

    /// <summary>
    /// Writes <c>config.json</c> (unknown fields kept, torch_dtype updated) and <c>model.safetensors</c> with HF
    /// names (tied lm_head omitted, as HF does), in <paramref name="dtype"/> (default: the model's).
    /// Companion files present in <paramref name="copyFrom"/> (a checkpoint or a tokenizer folder) are copied too, and
    /// <paramref name="chatOptions"/>, when given, are recorded for <see cref="Policies.TorchPolicy.Load"/>.
    /// </summary>
    public static void Save(CausalLM model, string directory, ScalarType? dtype = null, string? copyFrom = null, ChatTemplateOptions? chatOptions = null)
    {
        var target = dtype ?? model.DType;
        Directory.CreateDirectory(directory);
        AtomicFile.RemoveStale(directory); // e.g. a model.safetensors.tmp-PID-… of a killed save, a checkpoint's size
        var tensors = model.named_parameters().Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter)).ToList();
        var converted = new List<Tensor>();
        try
        {
            var toWrite = tensors.Select(p =>
            {
                if (p.Value.dtype == target) return p;
                var c = p.Value.detach().to(target);
                converted.Add(c);
                return new KeyValuePair<string, Tensor>(p.Key, c);
            }).ToList();
            SafetensorsWriter.Write(Path.Combine(directory, "model.safetensors"), toWrite, new Dictionary<string, string> { ["format"] = "pt" });
        }
        finally
        {
            foreach (var c in converted) c.Dispose();
        }
        var config = model.Config.ToJson();
        config["torch_dtype"] = SafetensorsDtype.ToTorchDtypeName(target);
        AtomicFile.WriteAllText(Path.Combine(directory, "config.json"), config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        if (copyFrom is not null && Path.GetFullPath(copyFrom) != Path.GetFullPath(directory))
        {
            foreach (string name in CompanionFiles)
            {
                string source = Path.Combine(copyFrom, name);
                if (File.Exists(source)) AtomicFile.Write(Path.Combine(directory, name), s => { using var f = File.OpenRead(source); f.CopyTo(s); });
            }
        }
        var generationConfig = Path.Combine(directory, "generation_config.json");
        if (!File.Exists(generationConfig) && model.EndTokenIds.Count > 0)
        {
            var generation = new JsonObject { ["eos_token_id"] = new JsonArray(model.EndTokenIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()) };
            AtomicFile.WriteAllText(generationConfig, generation.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        if (chatOptions is not null)
            CheckpointChatOptions.Save(directory, chatOptions);
    }
}
