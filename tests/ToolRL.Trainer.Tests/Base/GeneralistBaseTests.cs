using ToolRL.Construction.Procedural;
using ToolRL.Trainer.Base;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.EmbeddedDefault;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Tests.Base;

using FactAttribute = Xunit.FactAttribute;

public sealed class GeneralistBaseTests
{
    private static GeneralistBaseOptions Tiny(string dir) => new()
    {
        OutputDirectory = dir,
        Universe = new ProceduralOptions
        {
            Scenarios = 2, KindsPerScenario = 3, ToolsPerScenario = 2, EntitiesPerTool = 3,
            Composition = new() { SingleHop = 4, ParallelSingleHop = 3, MultiHop = 3, ParallelMultiHop = 3, MaxConsecutiveFailures = 100 },
        },
        Model = new TinyModelSizes { HiddenSize = 32, IntermediateSize = 64, Layers = 2, Heads = 2, KeyValueHeads = 1, HeadDim = 16, InitStd = 0.02 },
        Steps = 3, BatchSize = 4, EvalInterval = 0, EvalSample = 4, MaxNewTokens = 8, MaxTurns = 2,
    };

    [Fact]
    public async Task The_recipe_trains_saves_a_carded_bf16_base_and_the_experiment_runs_from_it()
    {
        using var dir = new TempDirectory();
        var env = new AtlasEnvironment();
        var heldOut = EpisodeTask.All([env]).Take(5).ToArray();
        var progress = new StringWriter();

        var trained = await GeneralistBaseRecipe.RunAsync(Tiny(Path.Combine(dir.Path, "base")), heldOut, progress);

        Assert.Equal(3, trained.Sft.Losses.Count);
        Assert.True(trained.HeldOutTasks >= 4, $"{trained.HeldOutTasks} held-out universe tasks");
        Assert.Equal(4, trained.General.Overall.Tasks);
        Assert.Equal(5, trained.Targets.Overall.Tasks);
        string model = Path.Combine(dir.Path, "base", GeneralistBaseRecipe.ModelFolder);
        Assert.Contains("\"BF16\"", SafetensorsHeader(Path.Combine(model, "model.safetensors")));
        var card = GeneralistBaseCard.Load(model);
        Assert.Equal(trained.General.Overall.SolveF1, card.GeneralSolveF1, 9);
        // The card rebuilds exactly the general-capability set the recipe scored.
        Assert.Equal(4, card.GeneralTasks().Count);
        Assert.All(card.GeneralTasks(), t => Assert.StartsWith("universe-", t.Environment.Name));
        Assert.Contains("Zero-shot, targets held out", File.ReadAllText(Path.Combine(dir.Path, "base", "report.md")));

        var options = EmbeddedDefaultJobTests.Tiny(Path.Combine(dir.Path, "rl")) with { RlIterations = 2 };
        var result = await BaseRlJob.RunAsync(options, model, [env], progress);

        Assert.Equal(result.HeldOutTasks, result.TargetsBefore.Overall.Tasks);
        Assert.Equal(4, result.GeneralBefore.Overall.Tasks);
        Assert.Equal(2, MetricsLog.Read(Path.Combine(dir.Path, "rl", "metrics.jsonl")).Count(r => r.Phase == MetricNames.RlPhase));
        Assert.NotEmpty(result.Changes);
        Assert.True(File.Exists(Path.Combine(dir.Path, "rl", "parameter-change.png")));
        string report = File.ReadAllText(Path.Combine(dir.Path, "rl", "report.md"));
        Assert.Contains("general (procedural scenarios RL never touched)", report);
        Assert.Contains("Where the update went", report);
        // No target task was turned into a demonstration: the run has no SFT phase.
        Assert.DoesNotContain(MetricsLog.Read(Path.Combine(dir.Path, "rl", "metrics.jsonl")), r => r.Phase.StartsWith("sft", StringComparison.Ordinal));
    }

    // The safetensors header: an 8-byte little-endian length, then that many bytes of JSON.
    private static string SafetensorsHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return System.Text.Encoding.UTF8.GetString(bytes, 8, (int)BitConverter.ToUInt64(bytes, 0));
    }

    [Fact]
    public void A_folder_without_a_card_is_refused_with_the_command_to_make_one()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => GeneralistBaseCard.Load(dir.Path));
        Assert.Contains("`base` command", error.Message);
    }

    [Fact]
    public void A_malformed_card_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, GeneralistBaseCard.FileName), "{\"universe\": 3");
        var error = Assert.Throws<InvalidDataException>(() => GeneralistBaseCard.Load(dir.Path));
        Assert.Contains(GeneralistBaseCard.FileName, error.Message);
    }
}
