using System.Text;
using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Support;
using ToolRL.Trainer.Text.Tokenization;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Checkpoints;

/// <summary>
/// Corrupted copies of a tiny checkpoint, one per row: each must fail with an <see cref="InvalidFileException"/>
/// that names the file and the field, never a bare .NET exception, and never load silently.
/// </summary>
public sealed class CorruptCheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _good;

    public CorruptCheckpointTests()
    {
        _good = _dir.Sub("good");
        TinyCheckpoint.Write(_good, ModelFamily.Qwen2, TinyModels.Sizes(ModelFamily.Qwen2, tied: true));
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string, string?> ConfigCases => new()
    {
        // case, edit (field=json value), expected field
        { "hidden_size fractional", "hidden_size=32.5", "hidden_size" },
        { "hidden_size too large", "hidden_size=1e20", "hidden_size" },
        { "hidden_size as text", "hidden_size=\"32\"", "hidden_size" },
        { "model_type a number", "model_type=5", "model_type" },
        { "tie_word_embeddings as text", "tie_word_embeddings=\"yes\"", "tie_word_embeddings" },
        { "eos_token_id as text", "eos_token_id=\"end\"", "eos_token_id" },
        { "eos_token_id outside the vocabulary", "eos_token_id=500", "eos_token_id" },
        { "eos_token_id list entry negative", "eos_token_id=[96, -1]", "eos_token_id[1]" },
        { "num_key_value_heads zero", "num_key_value_heads=0", "num_key_value_heads" },
        { "num_attention_heads zero", "num_attention_heads=0", "num_attention_heads" },
        { "rms_norm_eps negative", "rms_norm_eps=-1", "rms_norm_eps" },
        { "rope_theta zero", "rope_theta=0", "rope_theta" },
        { "attention_bias as text", "attention_bias=\"no\"", "attention_bias" },
        { "bos_token_id as an object", "bos_token_id={}", "bos_token_id" },
        { "vocab_size missing", "vocab_size=<remove>", "vocab_size" },
    };

    [Theory]
    [MemberData(nameof(ConfigCases))]
    public void A_bad_config_json_field_is_named(string name, string edit, string? field)
    {
        _ = name;
        var dir = Copy();
        var path = Path.Combine(dir, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var (key, value) = (edit[..edit.IndexOf('=')], edit[(edit.IndexOf('=') + 1)..]);
        if (value == "<remove>") config.Remove(key);
        else config[key] = JsonNode.Parse(value);
        File.WriteAllText(path, config.ToJsonString());
        AssertNamed(() => ModelLoader.Load(dir), path, field);
    }

    [Theory]
    [InlineData("[]", null)]
    [InlineData("{\"model_type\": \"qwen2\", \"model_type\": \"qwen3\"}", null)]
    [InlineData("{\"model_type\": \"qwen2\"", null)]
    public void A_config_json_that_is_not_an_object_or_has_duplicate_keys_is_named(string text, string? field)
    {
        var dir = Copy();
        var path = Path.Combine(dir, "config.json");
        File.WriteAllText(path, text);
        AssertNamed(() => ModelLoader.Load(dir), path, field);
    }

    public static TheoryData<string, string> HeaderCases => new()
    {
        // case, expected field ("{first}" is the first tensor's name)
        { "shape with a string", "{first}.shape" },
        { "shape with a fraction", "{first}.shape" },
        { "offsets as strings", "{first}.data_offsets" },
        { "metadata as an array", "__metadata__" },
        { "metadata value a number", "__metadata__.format" },
        { "shape overflowing", "{first}.shape" },
        { "dtype a number", "{first}.dtype" },
        { "record an array", "{first}" },
    };

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public void A_bad_safetensors_header_field_is_named(string name, string field)
    {
        var dir = Copy();
        var path = Path.Combine(dir, "model.safetensors");
        var (header, data) = ReadSafetensors(path);
        var first = header.Select(p => p.Key).First(k => k != "__metadata__");
        var record = header[first]!.AsObject();
        switch (name)
        {
            case "shape with a string": record["shape"] = new JsonArray("a"); break;
            case "shape with a fraction": record["shape"] = new JsonArray(1.5); break;
            case "offsets as strings": record["data_offsets"] = new JsonArray("0", "4"); break;
            case "metadata as an array": header["__metadata__"] = new JsonArray(); break;
            case "metadata value a number": header["__metadata__"] = new JsonObject { ["format"] = 5 }; break;
            case "shape overflowing": record["shape"] = new JsonArray(long.MaxValue, long.MaxValue); break;
            case "dtype a number": record["dtype"] = 32; break;
            case "record an array": header[first] = new JsonArray(); break;
        }
        WriteSafetensors(path, header, data);
        AssertNamed(() => ModelLoader.Load(dir), path, field.Replace("{first}", first));
    }

    [Fact]
    public void A_header_length_of_all_ones_does_not_wrap_negative()
    {
        var dir = Copy();
        var path = Path.Combine(dir, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(ulong.MaxValue).CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);
        AssertNamed(() => ModelLoader.Load(dir), path, "header length");
    }

    [Fact]
    public void A_truncated_safetensors_file_is_named()
    {
        var dir = Copy();
        var path = Path.Combine(dir, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<InvalidFileException>(() => ModelLoader.Load(dir));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void NaN_weights_are_refused_naming_the_tensor()
    {
        var dir = Copy();
        var path = Path.Combine(dir, "model.safetensors");
        var (header, data) = ReadSafetensors(path);
        var (tensor, begin) = header.Where(p => p.Key != "__metadata__")
            .Select(p => (p.Key, Begin: p.Value!["data_offsets"]![0]!.GetValue<long>()))
            .OrderBy(p => p.Begin).Last();
        BitConverter.GetBytes(float.NaN).CopyTo(data, (int)begin);
        WriteSafetensors(path, header, data);
        AssertNamed(() => ModelLoader.Load(dir), path, tensor);
    }

    [Theory]
    [InlineData("../outside.safetensors")]
    [InlineData("/tmp/outside.safetensors")]
    [InlineData("sub/../../outside.safetensors")]
    public void A_shard_index_pointing_outside_the_checkpoint_folder_is_refused(string shard)
    {
        var dir = Copy();
        var weights = Path.Combine(dir, "model.safetensors");
        File.Copy(weights, Path.Combine(_dir.Path, "outside.safetensors"), overwrite: true);
        var (header, _) = ReadSafetensors(weights);
        File.Delete(weights);
        var map = new JsonObject();
        foreach (var name in header.Select(p => p.Key).Where(k => k != "__metadata__"))
            map[name] = shard;
        var index = Path.Combine(dir, "model.safetensors.index.json");
        File.WriteAllText(index, new JsonObject { ["weight_map"] = map }.ToJsonString());
        var e = Assert.Throws<InvalidFileException>(() => ModelLoader.Load(dir));
        Assert.Equal(index, e.FilePath);
        Assert.StartsWith("weight_map.", e.Field);
        Assert.Contains("not a file name inside the checkpoint folder", e.Message);
    }

    [Theory]
    [InlineData("[1000]", "eos_token_id[0]")]
    [InlineData("\"end\"", "eos_token_id")]
    public void A_bad_generation_config_end_token_is_named(string value, string field)
    {
        var dir = Copy();
        var path = Path.Combine(dir, "generation_config.json");
        var generation = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        generation["eos_token_id"] = JsonNode.Parse(value);
        File.WriteAllText(path, generation.ToJsonString());
        AssertNamed(() => ModelLoader.Load(dir), path, field);
    }

    [Theory]
    [InlineData("[]", null)]
    [InlineData("vocab-string", "model.vocab")]
    [InlineData("vocab-id-text", "model.vocab")]
    [InlineData("added-no-content", "added_tokens[0].content")]
    [InlineData("added-no-id", "added_tokens[0].id")]
    [InlineData("merges-object", "model.merges")]
    [InlineData("model-missing", "model")]
    public void A_bad_tokenizer_json_field_is_named(string corruption, string? field)
    {
        var dir = _dir.Sub("tok-" + Guid.NewGuid().ToString("N")[..6]);
        TinyQwenTokenizerFiles.Write(dir);
        var path = Path.Combine(dir, "tokenizer.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        switch (corruption)
        {
            case "[]": File.WriteAllText(path, "[]"); break;
            case "vocab-string": json["model"]!["vocab"] = "abc"; break;
            case "vocab-id-text": json["model"]!["vocab"]!["a"] = "one"; break;
            case "added-no-content": json["added_tokens"]![0]!.AsObject().Remove("content"); break;
            case "added-no-id": json["added_tokens"]![0]!.AsObject().Remove("id"); break;
            case "merges-object": json["model"]!["merges"] = new JsonObject(); break;
            case "model-missing": json.Remove("model"); break;
        }
        if (corruption != "[]")
            File.WriteAllText(path, json.ToJsonString());
        AssertNamed(() => TokenizerJsonFile.Read(path), path, field);
    }

    [Fact]
    public void A_truncated_optimizer_state_is_named()
    {
        using var model = ModelLoader.Load(_good);
        using var optimizer = new PolicyOptimizer(model.parameters());
        var path = _dir.Sub("optimizer.bin");
        optimizer.SaveState(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidFileException>(() => optimizer.LoadState(path));
        Assert.Equal(path, e.FilePath);
    }

    [Theory]
    [InlineData("AAAA", "torchRngState")]
    [InlineData("not base64!", "torchRngState")]
    public void A_training_state_with_a_bad_rng_state_is_refused_before_torch_sees_it(string rng, string field)
    {
        // A state of the wrong length aborted the process inside TorchSharp's native set_rng_state.
        var path = _dir.Sub("training_state.json");
        File.WriteAllText(path, new TrainingState { Step = 3, TorchRngState = rng }.ToJson());
        AssertNamed(() => TrainingState.Load(path), path, field);
    }

    [Fact]
    public void A_training_state_round_trips_a_real_rng_state()
    {
        var path = _dir.Sub("training_state.json");
        File.WriteAllText(path, new TrainingState { Step = 3, TorchRngState = TorchRng.Capture() }.ToJson());
        Assert.Equal(3, TrainingState.Load(path).Step);
    }

    [Fact]
    public void A_run_config_with_a_duplicate_key_is_refused_naming_the_file_and_key()
    {
        var path = _dir.Sub("run.json");
        File.WriteAllText(path, "{\"steps\": 3, \"seed\": 1, \"steps\": 4}");
        var e = Assert.Throws<RunConfigException>(() => RunConfig.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("steps", e.Message);
    }

    private string Copy()
    {
        var dir = _dir.Sub("copy-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(_good))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    private static void AssertNamed(Action load, string path, string? field)
    {
        var e = Assert.Throws<InvalidFileException>(load);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(field, e.Field);
        Assert.Contains(path, e.Message);
        if (field is not null)
            Assert.Contains($"'{field}'", e.Message);
    }

    private static void AssertNamed(Func<object> load, string path, string? field) => AssertNamed(() => { load(); }, path, field);

    private static (JsonObject Header, byte[] Data) ReadSafetensors(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToUInt64(bytes, 0);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        return (header, bytes[(8 + length)..]);
    }

    private static void WriteSafetensors(string path, JsonObject header, byte[] data)
    {
        var text = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var f = File.Create(path);
        f.Write(BitConverter.GetBytes((ulong)text.Length));
        f.Write(text);
        f.Write(data);
    }
}
