using ToolRL.IO;
using System.Text.Json.Nodes;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Checkpoints;

/// <summary>Save → load is bit-exact, names are HF's, and bad checkpoints give clear errors.</summary>
public sealed class CheckpointRoundTripTests
{
    static void AssertSameParameters(CausalLM expected, CausalLM actual)
    {
        var a = expected.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var b = actual.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, p) in a)
        {
            Assert.Equal(p.dtype, b[name].dtype);
            Assert.True(p.bytes.SequenceEqual(b[name].bytes), $"{name} differs");
        }
    }

    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2, ScalarType.Float32)]
    [InlineData(ModelFamily.Qwen3, ScalarType.Float32)]
    [InlineData(ModelFamily.Qwen2, ScalarType.BFloat16)]
    [InlineData(ModelFamily.Qwen3, ScalarType.BFloat16)]
    public void SaveThenLoadIsBitExact(ModelFamily family, ScalarType dtype)
    {
        using var dir = new TempDirectory();
        TinyCheckpoint.Write(dir.Sub("tiny"), family, TinyModels.Sizes(family, tied: false), seed: 3);
        using var model = ModelLoader.Load(dir.Sub("tiny"), dtype: dtype);
        ModelSaver.Save(model, dir.Sub("saved"), copyFrom: dir.Sub("tiny"));
        using var again = ModelLoader.Load(dir.Sub("saved"), dtype: dtype);
        AssertSameParameters(model, again);
        Assert.Equal(SafetensorsDtype.ToTorchDtypeName(dtype), JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Sub("saved"), "config.json")))!["torch_dtype"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(dir.Sub("saved"), "generation_config.json")));
        using var file = SafetensorsFile.Open(Path.Combine(dir.Sub("saved"), "model.safetensors"));
        Assert.All(file.Entries.Values, e => Assert.Equal(SafetensorsDtype.FromScalarType(dtype), e.Dtype));
    }

    [Xunit.Fact]
    public void TinyCheckpointUsesHfNamesAndShapesAndIsDeterministic()
    {
        using var dir = new TempDirectory();
        var sizes = TinyModels.Sizes(ModelFamily.Qwen3, tied: false);
        TinyCheckpoint.Write(dir.Sub("a"), ModelFamily.Qwen3, sizes, seed: 11);
        TinyCheckpoint.Write(dir.Sub("b"), ModelFamily.Qwen3, sizes, seed: 11);
        TinyCheckpoint.Write(dir.Sub("c"), ModelFamily.Qwen3, sizes, seed: 12);
        byte[] a = File.ReadAllBytes(Path.Combine(dir.Sub("a"), "model.safetensors"));
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir.Sub("b"), "model.safetensors")));
        Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(dir.Sub("c"), "model.safetensors")));

        using var file = SafetensorsFile.Open(Path.Combine(dir.Sub("a"), "model.safetensors"));
        var shapes = file.Entries.ToDictionary(e => e.Key, e => e.Value.Shape);
        Assert.Equal(new long[] { 97, 32 }, shapes["model.embed_tokens.weight"]);
        Assert.Equal(new long[] { 4 * 12, 32 }, shapes["model.layers.0.self_attn.q_proj.weight"]);
        Assert.Equal(new long[] { 2 * 12, 32 }, shapes["model.layers.1.self_attn.k_proj.weight"]);
        Assert.Equal(new long[] { 32, 4 * 12 }, shapes["model.layers.0.self_attn.o_proj.weight"]);
        Assert.Equal(new long[] { 12 }, shapes["model.layers.0.self_attn.q_norm.weight"]);
        Assert.Equal(new long[] { 48, 32 }, shapes["model.layers.0.mlp.gate_proj.weight"]);
        Assert.Equal(new long[] { 32, 48 }, shapes["model.layers.1.mlp.down_proj.weight"]);
        Assert.Equal(new long[] { 32 }, shapes["model.norm.weight"]);
        Assert.Equal(new long[] { 97, 32 }, shapes["lm_head.weight"]);
        Assert.Equal(2 + 2 * 11 + 1, shapes.Count);
    }

    [Xunit.Fact]
    public void ConfigRoundTripKeepsUnknownFields()
    {
        using var dir = new TempDirectory();
        TinyCheckpoint.Write(dir.Sub("tiny"), ModelFamily.Qwen2, TinyModels.Sizes(ModelFamily.Qwen2, tied: true));
        string configPath = Path.Combine(dir.Sub("tiny"), "config.json");
        var json = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        json["my_custom_field"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        File.WriteAllText(configPath, json.ToJsonString());
        using var model = ModelLoader.Load(dir.Sub("tiny"));
        ModelSaver.Save(model, dir.Sub("saved"));
        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Sub("saved"), "config.json")))!.AsObject();
        Assert.Equal("[1,2,3]", saved["my_custom_field"]!["nested"]!.ToJsonString());
        Assert.Equal("Qwen2ForCausalLM", saved["architectures"]![0]!.GetValue<string>());
        Assert.True(saved["tie_word_embeddings"]!.GetValue<bool>());
        using var file = SafetensorsFile.Open(Path.Combine(dir.Sub("saved"), "model.safetensors"));
        Assert.DoesNotContain("lm_head.weight", file.Entries.Keys);
        Assert.Equal([96], model.EndTokenIds);
    }

    [Xunit.Fact]
    public void MissingTensorsShapeMismatchesAndUnknownArchitecturesAreReported()
    {
        using var dir = new TempDirectory();
        string tiny = dir.Sub("tiny");
        TinyCheckpoint.Write(tiny, ModelFamily.Qwen2, TinyModels.Sizes(ModelFamily.Qwen2, tied: false));
        string weights = Path.Combine(tiny, "model.safetensors");
        byte[] original = File.ReadAllBytes(weights);

        using (var model = ModelLoader.Load(tiny))
        {
            var kept = model.named_parameters().Where(p => p.name != "model.layers.1.mlp.up_proj.weight")
                .Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter)).ToList();
            SafetensorsWriter.Write(weights, kept);
            var missing = Assert.Throws<InvalidFileException>(() => ModelLoader.Load(tiny));
            Assert.Contains("missing 1 tensor(s): model.layers.1.mlp.up_proj.weight", missing.Message);

            var wrongShape = model.named_parameters().Select(p => new KeyValuePair<string, Tensor>(p.name,
                p.name == "model.norm.weight" ? zeros(31) : p.parameter)).ToList();
            SafetensorsWriter.Write(weights, wrongShape);
            var shape = Assert.Throws<InvalidFileException>(() => ModelLoader.Load(tiny));
            Assert.Contains("'model.norm.weight'", shape.Message);
            Assert.Contains("[31]", shape.Message);
            Assert.Contains("[32]", shape.Message);

            var extra = model.named_parameters().Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter))
                .Append(new("model.layers.0.self_attn.q_norm.weight", ones(8))).ToList();
            SafetensorsWriter.Write(weights, extra);
            Assert.Contains("does not use: model.layers.0.self_attn.q_norm.weight", Assert.Throws<InvalidFileException>(() => ModelLoader.Load(tiny)).Message);
        }
        File.WriteAllBytes(weights, original);
        string configPath = Path.Combine(tiny, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"qwen2\"", "\"llama\""));
        Assert.Contains("'llama'", Assert.Throws<NotSupportedException>(() => ModelLoader.Load(tiny)).Message);
        File.Delete(weights);
        Assert.Throws<DirectoryNotFoundException>(() => ModelLoader.Load(dir.Sub("nope")));
    }
}
