using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Trainer.Sft;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded job's restart point. The SFT phase (most of the run's time) ends by saving <c>model-sft</c> and then
/// this record, <see cref="FileName"/>, beside it. A later run into the same folder with the same SFT settings loads
/// both instead of training again; evaluation and GRPO then run from their start. Both are deterministic, so a run
/// killed after SFT ends with the numbers an uninterrupted run gives.
/// </summary>
/// <param name="Settings">Everything SFT's result depends on (seed, split, model, vocabulary, SFT options), as text.</param>
/// <param name="Main">The full-context SFT stage.</param>
/// <param name="Short">The short-context stage, or null when there was none.</param>
public sealed record SftPhaseCheckpoint(string Settings, SftResult Main, SftResult? Short)
{
    /// <summary>The record's file in the run folder.</summary>
    public const string FileName = "sft-complete.json";

    /// <summary>Writes the record atomically; call it only after the weights are saved.</summary>
    public void Save(string runDirectory)
    {
        var json = new JsonObject
        {
            ["settings"] = Settings,
            ["main"] = ToJson(Main),
            ["short"] = Short is null ? null : ToJson(Short),
        };
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// The record of an earlier run in <paramref name="runDirectory"/> when its settings are <paramref name="settings"/>
    /// and its weights are there; otherwise null, with the reason written to <paramref name="progress"/> when a record
    /// exists but cannot be used (SFT then runs again and replaces it).
    /// </summary>
    public static SftPhaseCheckpoint? TryLoad(string runDirectory, string settings, string weightsDirectory, TextWriter progress)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        SftPhaseCheckpoint record;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("not a JSON object");
            record = new SftPhaseCheckpoint(
                (string?)json["settings"] ?? throw new FormatException("no \"settings\""),
                FromJson(json["main"] as JsonObject ?? throw new FormatException("no \"main\" stage")),
                json["short"] is JsonObject s ? FromJson(s) : null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IOException)
        {
            progress.WriteLine($"sft: ignoring {path} ({e.Message}); training again");
            return null;
        }
        if (!string.Equals(record.Settings, settings, StringComparison.Ordinal))
        {
            progress.WriteLine($"sft: {path} was written with other settings; training again");
            return null;
        }
        if (!File.Exists(Path.Combine(weightsDirectory, "model.safetensors")) || !File.Exists(Path.Combine(weightsDirectory, "config.json")))
        {
            progress.WriteLine($"sft: {weightsDirectory} is incomplete; training again");
            return null;
        }
        return record;
    }

    /// <summary>Removes the record, before SFT trains again and overwrites the weights it vouches for.</summary>
    public static void Invalidate(string runDirectory) => File.Delete(Path.Combine(runDirectory, FileName));

    private static JsonObject ToJson(SftResult r) => new()
    {
        ["losses"] = new JsonArray(r.Losses.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
        ["trained_tokens"] = r.TrainedTokens,
        ["processed_tokens"] = r.ProcessedTokens,
        ["seconds"] = r.Elapsed.TotalSeconds,
    };

    private static SftResult FromJson(JsonObject o)
    {
        var losses = (o["losses"] as JsonArray ?? throw new FormatException("no \"losses\""))
            .Select(n => n?.GetValue<double>() ?? throw new FormatException("a null loss")).ToArray();
        return new SftResult(losses,
            o["trained_tokens"]?.GetValue<long>() ?? throw new FormatException("no \"trained_tokens\""),
            o["processed_tokens"]?.GetValue<long>() ?? throw new FormatException("no \"processed_tokens\""),
            TimeSpan.FromSeconds(o["seconds"]?.GetValue<double>() ?? throw new FormatException("no \"seconds\"")));
    }

    /// <summary>The tiny model's dimensions as text.</summary>
    public static string ModelText(Checkpoints.TinyModelSizes m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.HiddenSize}/{m.IntermediateSize}/{m.Layers}/{m.Heads}/{m.KeyValueHeads}/{m.HeadDim}/{m.RopeTheta:R}/{m.InitStd:R}/{m.TieWordEmbeddings}");

    /// <summary>The settings text of a job: everything the SFT weights depend on.</summary>
    public static string SettingsOf(EmbeddedDefaultOptions o, int vocabularySize, string vocabularyDescription) =>
        string.Create(CultureInfo.InvariantCulture,
            $"seed={o.Seed}; held out={o.HeldOutFraction:R}; composed={o.ComposedTasksPerStructure}; held-out composed={o.HeldOutComposedTasksPerStructure}; " +
            $"model={ModelText(o.Model)}; " +
            $"short steps={o.ShortContextSftSteps}; steps={o.SftSteps}; batch={o.SftBatchSize}; lr={o.SftLearningRate:R}; " +
            $"warmup={o.SftSchedule.WarmupSteps}; final={o.SftSchedule.FinalFraction:R}; vocabulary={vocabularySize}: {vocabularyDescription}");
}
