using ToolRL.Tasks;
using ToolRL.IO;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.Data;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Rollouts;

public sealed class SplitManifestTests
{
    private static readonly AtlasEnvironment Atlas = new();

    private static SplitManifest Manifest(out SplitTasks split)
    {
        var rule = new TaskSplit(0.3, seed: 4);
        split = SplitTasks.Create(EpisodeTask.All([Atlas]), rule);
        return SplitManifest.Of(rule, split.Train, split.HeldOut, new ComposedRecipe(8, 131));
    }

    [Fact]
    public void A_manifest_round_trips_and_resolves_to_the_same_held_out_tasks_in_order()
    {
        using var dir = new TempDirectory();
        var manifest = Manifest(out var split);

        manifest.Save(dir.Path);
        var loaded = SplitManifest.Load(dir.Path);

        Assert.Equal(manifest.Seed, loaded.Seed);
        Assert.Equal(manifest.HeldOutFraction, loaded.HeldOutFraction);
        Assert.Equal(manifest.ComposedHeldOut, loaded.ComposedHeldOut);
        Assert.Equal(manifest.Train, loaded.Train);
        Assert.Equal(manifest.HeldOut, loaded.HeldOut);
        Assert.Equal(split.HeldOut, SplitManifest.Resolve(loaded.HeldOut, EpisodeTask.All([Atlas]).Reverse(), dir.Path));
        Assert.Equal([dir[SplitManifest.FileName]], Directory.GetFiles(dir.Path)); // written whole, no temporary left
    }

    [Fact]
    public void A_held_out_task_that_changed_or_went_away_is_an_error_naming_it()
    {
        var manifest = Manifest(out var split);
        var changed = split.HeldOut[0];
        var now = EpisodeTask.All([Atlas]).Select(t => t.Task.Id == changed.Task.Id ? t with { Task = t.Task with { Question = "Something else?" } } : t);

        var error = Assert.Throws<InvalidDataException>(() => SplitManifest.Resolve(manifest.HeldOut, now, "runs/x"));

        Assert.Contains($"atlas/{changed.Task.Id}", error.Message);
        Assert.Contains("the environments changed since that run", error.Message);
        Assert.Throws<InvalidDataException>(() => SplitManifest.Resolve(manifest.HeldOut, [], "runs/x"));
    }

    [Fact]
    public void A_damaged_or_missing_manifest_names_the_file()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => SplitManifest.Load(dir.Path));
        File.WriteAllText(dir[SplitManifest.FileName], "{\"seed\": 1, \"held_out_fraction\": 0.3, \"train\": [], \"held_out\": [{\"environment\": \"atlas\"}]}");
        var error = Assert.Throws<InvalidFileException>(() => SplitManifest.Load(dir.Path));
        Assert.Contains("held_out[0].id", error.Message);
        File.WriteAllText(dir[SplitManifest.FileName], "[1");
        Assert.Throws<InvalidFileException>(() => SplitManifest.Load(dir.Path));
    }

    [Fact]
    public void A_manifest_written_when_seeds_were_long_loads_and_a_seed_beyond_int_is_named()
    {
        // The file as runs wrote it before seeds were int: the same JSON number.
        using var dir = new TempDirectory();
        const string Entry = "{\"environment\": \"atlas\", \"id\": \"t1\", \"question\": \"Q?\"}";
        File.WriteAllText(dir[SplitManifest.FileName], $"{{\"seed\": 42, \"held_out_fraction\": 0.3, \"composed_held_out\": null, \"held_out\": [{Entry}], \"train\": []}}");
        Assert.Equal(42, SplitManifest.Load(dir.Path).Seed);

        foreach (var seed in new[] { "4294967296", "\"7\"", "1.5" })
        {
            File.WriteAllText(dir[SplitManifest.FileName], $"{{\"seed\": {seed}, \"held_out_fraction\": 0.3, \"held_out\": [], \"train\": []}}");
            var error = Assert.Throws<InvalidFileException>(() => SplitManifest.Load(dir.Path));
            Assert.Contains("seed", error.Message);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitManifest.Of(new TaskSplit(0.3, seed: 1L << 40), [], []));
    }
}
