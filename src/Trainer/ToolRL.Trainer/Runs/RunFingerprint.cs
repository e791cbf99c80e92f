using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.Environments;
using ToolRL.IO;
using ToolRL.Trainer.Data;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// What a run folder's work was made from: named parts (seed, model, the task set, each environment's tool
/// definitions), each a short readable value with a content hash. Saved as <see cref="FileName"/> when a run starts;
/// a later run into the same folder resumes only when every part is the same, so a run whose tasks or tools changed
/// never continues from checkpoints trained for other ones.
/// </summary>
/// <param name="Parts">Part name → value, in a stable order.</param>
internal sealed record RunFingerprint(IReadOnlyList<KeyValuePair<string, string>> Parts)
{
    /// <summary>The file in a run folder.</summary>
    public const string FileName = "fingerprint.json";

    /// <summary>A fingerprint of <paramref name="settings"/> (e.g. seed, model), the split and the environments' tools.</summary>
    public static RunFingerprint Of(IEnumerable<KeyValuePair<string, string>> settings, SplitManifest split, IEnumerable<IToolEnvironment> environments)
    {
        var parts = new List<KeyValuePair<string, string>>(settings);
        parts.Add(new("tasks", $"{split.Train.Count} train + {split.HeldOut.Count} held out, {Hash(Lines(split.Train).Append("--").Concat(Lines(split.HeldOut)))}"));
        foreach (var environment in environments.OrderBy(e => e.Name, StringComparer.Ordinal))
            parts.Add(new($"environment '{environment.Name}'",
                $"{environment.Tools.Count} tools ({string.Join(", ", environment.Tools.Select(t => t.Name))}), {Hash(environment.Tools.Select(t => $"{t.Name}\n{t.Description}\n{t.ParametersSchema}"))}"));
        return new RunFingerprint(parts);
    }

    /// <summary>
    /// Checks <paramref name="runDirectory"/> against this fingerprint and records it there. A folder with no
    /// earlier work (<paramref name="hasEarlierWork"/> false) takes it as it is; one with work must carry the same fingerprint.
    /// </summary>
    /// <exception cref="RunMismatchException">The folder's work was made from something else; the message names each change.</exception>
    public void CheckAndSave(string runDirectory, bool hasEarlierWork, string startFreshHint)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (hasEarlierWork)
        {
            if (!File.Exists(path))
                throw new RunMismatchException(
                    $"run folder '{runDirectory}' holds earlier work but no {FileName} (written before runs recorded what they were made from), " +
                    $"so it cannot be resumed safely; {startFreshHint}");
            var earlier = Load(path);
            var changes = Parts.Select(p => (p.Key, Now: (string?)p.Value, Then: earlier.GetValueOrDefault(p.Key)))
                .Concat(earlier.Keys.Except(Parts.Select(p => p.Key)).Select(k => (Key: k, Now: (string?)null, Then: (string?)earlier[k])))
                .Where(c => c.Now != c.Then)
                .Select(c => $"{c.Key}: {c.Then ?? "(none)"} → {c.Now ?? "(none)"}")
                .ToArray();
            if (changes.Length > 0)
                throw new RunMismatchException(
                    $"run folder '{runDirectory}' was made from other inputs, so it is not resumed: {string.Join("; ", changes)}. {startFreshHint}");
        }
        Directory.CreateDirectory(runDirectory);
        var json = new JsonObject();
        foreach (var (key, value) in Parts)
            json[key] = value;
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = Json.WriterOptions.Encoder }) + "\n");
    }

    private static Dictionary<string, string> Load(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidFileException(path, null, "must be a JSON object");
            return root.ToDictionary(p => p.Key, p => (string?)p.Value ?? throw new InvalidFileException(path, p.Key, "must be a string"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidFileException(path, null, $"not a valid fingerprint ({e.Message})", e);
        }
    }

    private static IEnumerable<string> Lines(IEnumerable<SplitEntry> entries) => entries.Select(e => $"{e.Environment}\t{e.Id}\t{e.Question}");

    private static string Hash(IEnumerable<string> lines) =>
        "sha256 " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..12];
}

/// <summary>A run folder's earlier work was made from other inputs (tasks, tools, seed or model) than this run's.</summary>
public sealed class RunMismatchException(string message) : Exception(message);
