using System.Text.Json;
using System.Text.Json.Serialization;
using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// What a checkpoint needs besides the weights to continue a run exactly: the completed step, the data cursor,
/// the seeds, TorchSharp's RNG state and how many metric records existed. Written as <c>training_state.json</c>.
/// </summary>
public sealed record TrainingState
{
    /// <summary>The file name inside a checkpoint folder.</summary>
    public const string FileName = "training_state.json";

    /// <summary>Steps completed.</summary>
    public int Step { get; set; }
    /// <summary>Position in the (seeded, shuffled) prompt stream where the next step starts.</summary>
    public long DataCursor { get; set; }
    /// <summary>The run seed.</summary>
    public int Seed { get; set; }
    /// <summary>TorchSharp's CPU generator state (base64), from <see cref="TorchRng.Capture"/>.</summary>
    public string? TorchRngState { get; set; }
    /// <summary>Metric records written up to this step, so a resumed run drops the ones written after it.</summary>
    public int MetricRecords { get; set; }
    /// <summary>When the checkpoint was written (UTC, ISO 8601).</summary>
    public string? WrittenAtUtc { get; set; }
    /// <summary>Free-form extras a trainer wants back on resume (e.g. the best eval score).</summary>
    public Dictionary<string, string> Extra { get; set; } = [];

    /// <summary>Serializes to indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TrainingStateJson.Default.TrainingState);

    /// <summary>
    /// Reads a state file and checks it, the RNG state included, before anything is handed to TorchSharp (a wrong
    /// RNG state length aborts the process in native code). Corrupt content throws naming the file and the field.
    /// </summary>
    /// <exception cref="InvalidFileException">The file is not valid JSON or a field is out of range.</exception>
    public static TrainingState Load(string path)
    {
        TrainingState state;
        try
        {
            state = JsonSerializer.Deserialize(File.ReadAllText(path), TrainingStateJson.Default.TrainingState)
                ?? throw new InvalidFileException(path, null, "holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidFileException(path, e.Path, $"not a valid training state ({e.Message})", e);
        }
        if (state.Step < 0) throw new InvalidFileException(path, "step", $"must be ≥ 0, got {state.Step}");
        if (state.DataCursor < 0) throw new InvalidFileException(path, "dataCursor", $"must be ≥ 0, got {state.DataCursor}");
        if (state.MetricRecords < 0) throw new InvalidFileException(path, "metricRecords", $"must be ≥ 0, got {state.MetricRecords}");
        if (state.TorchRngState is { } rng && TorchRng.Problem(rng) is { } problem)
            throw new InvalidFileException(path, "torchRngState", problem);
        return state;
    }
}

/// <summary>Source-generated JSON for <see cref="TrainingState"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TrainingState))]
internal sealed partial class TrainingStateJson : JsonSerializerContext;
