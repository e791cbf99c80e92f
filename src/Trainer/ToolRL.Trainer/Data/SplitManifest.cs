using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Tasks;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Data;

/// <summary>One task of a run's split, as recorded: its environment, id and question.</summary>
public sealed record SplitEntry(string Environment, string Id, string Question)
{
    /// <summary>The entry of <paramref name="task"/>.</summary>
    public static SplitEntry Of(EpisodeTask task) => new(task.Environment.Name, task.Task.Id, task.Task.Question);

    /// <summary>True when <paramref name="task"/> is this entry's task, its question unchanged (up to <see cref="TaskSplit.Key"/>).</summary>
    public bool Matches(EpisodeTask task) =>
        task.Environment.Name == Environment && task.Task.Id == Id && TaskSplit.Key(task.Task.Question) == TaskSplit.Key(Question);
}

/// <summary>How a run composed extra tasks (the embedded default), so <c>eval --run</c> can compose them again.</summary>
/// <param name="PerStructure">Tasks per structure and environment.</param>
/// <param name="Seed">The composition seed.</param>
public sealed record ComposedRecipe(int PerStructure, int Seed);

/// <summary>
/// <c>split.json</c> in a run folder: which tasks the run trained on and which it held out, by the split rule's seed
/// and fraction, and how composed tasks were made. <c>eval --run DIR</c> evaluates exactly the held-out tasks listed.
/// </summary>
/// <param name="Seed">The split seed.</param>
/// <param name="HeldOutFraction">The held-out fraction.</param>
/// <param name="Train">Tasks trained on.</param>
/// <param name="HeldOut">Tasks held out.</param>
/// <param name="ComposedHeldOut">How the held-out set's composed tasks were made; null when it has none.</param>
public sealed record SplitManifest(int Seed, double HeldOutFraction, IReadOnlyList<SplitEntry> Train, IReadOnlyList<SplitEntry> HeldOut, ComposedRecipe? ComposedHeldOut = null)
{
    /// <summary>The file in a run folder.</summary>
    public const string FileName = "split.json";

    /// <summary>The manifest of <paramref name="train"/> and <paramref name="heldOut"/> under <paramref name="split"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The split's seed is not a 32-bit one (the Trainer's seeds are <c>int</c>).</exception>
    public static SplitManifest Of(TaskSplit split, IEnumerable<EpisodeTask> train, IEnumerable<EpisodeTask> heldOut, ComposedRecipe? composedHeldOut = null) =>
        new(split.Seed is >= int.MinValue and <= int.MaxValue ? (int)split.Seed
                : throw new ArgumentOutOfRangeException(nameof(split), split.Seed, "The split's seed must be a 32-bit integer, as the Trainer's seeds are."),
            split.HeldOutFraction, train.Select(SplitEntry.Of).ToArray(), heldOut.Select(SplitEntry.Of).ToArray(), composedHeldOut);

    /// <summary>Writes <see cref="FileName"/> into <paramref name="runDirectory"/> atomically.</summary>
    public void Save(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        var json = new JsonObject
        {
            ["seed"] = Seed,
            ["held_out_fraction"] = HeldOutFraction,
            ["composed_held_out"] = ComposedHeldOut is { } c ? new JsonObject { ["per_structure"] = c.PerStructure, ["seed"] = c.Seed } : null,
            ["held_out"] = Entries(HeldOut),
            ["train"] = Entries(Train),
        };
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = Json.WriterOptions.Encoder }) + "\n");
    }

    /// <summary>Reads the manifest of <paramref name="runDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has none.</exception>
    /// <exception cref="InvalidFileException">It is not a valid manifest (the message names the field).</exception>
    public static SplitManifest Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"'{runDirectory}' has no {FileName}: not a run folder, or written before runs recorded their split", path);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidFileException(path, null, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidFileException(path, null, $"not valid JSON ({e.Message})", e);
        }
        try
        {
            var composed = root["composed_held_out"] is JsonObject c
                ? new ComposedRecipe(c["per_structure"]!.GetValue<int>(), c["seed"]!.GetValue<int>())
                : null;
            return new SplitManifest(
                SeedOf(root, path), Required(root, "held_out_fraction", path).GetValue<double>(),
                ReadEntries(root, "train", path), ReadEntries(root, "held_out", path), composed);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidFileException(path, null, $"not a valid split manifest ({e.Message})", e);
        }
    }

    /// <summary>
    /// The tasks of <paramref name="entries"/> among <paramref name="candidates"/>, in the manifest's order.
    /// </summary>
    /// <exception cref="InvalidDataException">A recorded task is no longer there, or its question changed.</exception>
    public static IReadOnlyList<EpisodeTask> Resolve(IReadOnlyList<SplitEntry> entries, IEnumerable<EpisodeTask> candidates, string runDirectory)
    {
        var byId = candidates.GroupBy(t => (t.Environment.Name, t.Task.Id)).ToDictionary(g => g.Key, g => g.First());
        var found = new List<EpisodeTask>(entries.Count);
        var missing = new List<SplitEntry>();
        foreach (var entry in entries)
        {
            if (byId.TryGetValue((entry.Environment, entry.Id), out var task) && entry.Matches(task)) found.Add(task);
            else missing.Add(entry);
        }
        if (missing.Count > 0)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{missing.Count} of the {entries.Count} held-out tasks recorded in {Path.Combine(runDirectory, FileName)} are not in the project's environments as they were " +
                $"(e.g. {string.Join(", ", missing.Take(3).Select(m => $"{m.Environment}/{m.Id}"))}): the environments changed since that run, so its held-out set cannot be evaluated exactly"));
        return found;
    }

    private static JsonArray Entries(IEnumerable<SplitEntry> entries) =>
        new(entries.Select(e => (JsonNode)new JsonObject { ["environment"] = e.Environment, ["id"] = e.Id, ["question"] = e.Question }).ToArray());

    // Manifests written while the seed was a long hold the same small numbers; one outside int is named, not truncated.
    private static int SeedOf(JsonObject root, string path) =>
        Required(root, "seed", path) is JsonValue v && v.TryGetValue<long>(out var seed) && seed is >= int.MinValue and <= int.MaxValue
            ? (int)seed
            : throw new InvalidFileException(path, "seed", "must be a 32-bit integer");

    private static JsonNode Required(JsonObject root, string name, string path) =>
        root[name] ?? throw new InvalidFileException(path, name, "missing");

    private static SplitEntry[] ReadEntries(JsonObject root, string name, string path) =>
        (Required(root, name, path) as JsonArray ?? throw new InvalidFileException(path, name, "must be an array"))
        .Select((n, i) => n is JsonObject o
            ? new SplitEntry(
                (string?)o["environment"] ?? throw new InvalidFileException(path, $"{name}[{i}].environment", "missing"),
                (string?)o["id"] ?? throw new InvalidFileException(path, $"{name}[{i}].id", "missing"),
                (string?)o["question"] ?? throw new InvalidFileException(path, $"{name}[{i}].question", "missing"))
            : throw new InvalidFileException(path, $"{name}[{i}]", "must be an object"))
        .ToArray();
}
