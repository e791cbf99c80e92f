using System.Text.Json;
using System.Text.Json.Serialization;
using ToolRL.Construction.Procedural;
using ToolRL.IO;
using ToolRL.Tasks;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Base;

/// <summary>
/// <c>generalist-base.json</c>, saved beside the base's weights: the universe and split it was trained on, so that
/// its general-capability set can be rebuilt exactly, and the zero-shot scores its report gives, so that a test can
/// check the shipped weights still produce them.
/// </summary>
internal sealed record GeneralistBaseCard
{
    public const string FileName = "generalist-base.json";

    public required ProceduralOptions Universe { get; init; }
    public required int SplitSeed { get; init; }
    public required double HeldOutFraction { get; init; }
    public required int GeneralSample { get; init; }
    public required int MaxNewTokens { get; init; }
    public required int MaxTurns { get; init; }
    public required double GeneralSolveF1 { get; init; }
    public required double TargetSolveF1 { get; init; }
    public required int Steps { get; init; }

    /// <summary>The universe's held-out tasks the base is scored on (the same every time).</summary>
    public IReadOnlyList<EpisodeTask> GeneralTasks()
    {
        var universe = ProceduralUniverse.Generate(Universe);
        var split = Data.SplitTasks.Create(EpisodeTask.All(universe.Scenarios), new TaskSplit(HeldOutFraction, SplitSeed));
        return GeneralistBaseRecipe.GeneralEvaluationTasks(split.HeldOut, GeneralSample);
    }

    public void Save(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options));

    public static GeneralistBaseCard Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"'{directory}' is not a generalist base: it has no {FileName} (train one with the `base` command).", path);
        try
        {
            return JsonSerializer.Deserialize<GeneralistBaseCard>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid base card: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
