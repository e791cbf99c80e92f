using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Cli;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.Cli;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

/// <summary>
/// One split for every command: <c>train</c> then <c>eval</c> with their defaults never evaluate a trained task,
/// <c>eval --run</c> takes a run's own held-out set, and a run folder is not resumed for other tasks or tools.
/// </summary>
public sealed class RunSplitCommandsTests
{
    private static void WriteSmallRunConfig(string path) => new RunConfig
    {
        SamplesPerPrompt = 2, PromptsPerStep = 1, MiniBatchPrompts = 1, MicroBatchSize = 2, MaxTurns = 1, MaxNewTokens = 4,
        CheckpointInterval = 1, LearningRate = 1e-3,
    }.Save(path);

    private static (string Environment, string Task)[] TracedTasks(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("environment").GetString()!, json.RootElement.GetProperty("task").GetString()!);
        }).ToArray();

    [Fact]
    public async Task Train_then_eval_with_defaults_never_evaluates_a_trained_task_and_eval_run_takes_the_runs_held_out_set()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        WriteSmallRunConfig(dir["run.json"]);
        IToolEnvironment[] environments = [new AtlasEnvironment(), new CapitalsEnvironment()];

        var train = await CliHarness.RunAsync(environments, "train", "--model", dir["base"], "--config", dir["run.json"], "--scenario", "atlas", "--steps", "1", "--out", dir["run"]);
        Assert.True(train.Code == ExitCodes.Ok, train.Err);
        var manifest = SplitManifest.Load(dir["run"]);
        Assert.Equal(environments[0].Tasks.Count, manifest.Train.Count + manifest.HeldOut.Count);
        var trained = manifest.Train.Select(e => (e.Environment, e.Id)).ToHashSet();

        // eval over every scenario, with its defaults: the held-out side of the same rule, whatever the selection.
        var eval = await CliHarness.RunAsync(environments, "eval", "--model", dir["base"], "--held-out", "--max-turns", "1", "--max-new-tokens", "2", "--traces", dir["heldout.jsonl"]);
        Assert.True(eval.Code == ExitCodes.Ok, eval.Err);
        var evaluated = TracedTasks(dir["heldout.jsonl"]);
        Assert.NotEmpty(evaluated);
        Assert.DoesNotContain(evaluated, trained.Contains);
        Assert.Equal(manifest.HeldOut.Select(e => (e.Environment, e.Id)).Order(), evaluated.Where(t => t.Environment == "atlas").Order());

        var ofRun = await CliHarness.RunAsync(environments, "eval", "--model", dir["base"], "--run", dir["run"], "--max-turns", "1", "--max-new-tokens", "2", "--traces", dir["run.jsonl"]);
        Assert.True(ofRun.Code == ExitCodes.Ok, ofRun.Err);
        Assert.Equal(manifest.HeldOut.Select(e => (e.Environment, e.Id)), TracedTasks(dir["run.jsonl"]));
    }

    [Fact]
    public async Task Eval_run_needs_a_split_manifest_and_takes_no_other_task_selection()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        Directory.CreateDirectory(dir["not-a-run"]);
        IToolEnvironment[] environments = [new AtlasEnvironment()];

        var missing = await CliHarness.RunAsync(environments, "eval", "--model", dir["base"], "--run", dir["not-a-run"]);
        Assert.Equal(ExitCodes.BadArguments, missing.Code);
        Assert.Contains("has no split.json", missing.Err);
        Assert.DoesNotContain("   at ", missing.Err);

        var both = await CliHarness.RunAsync(environments, "eval", "--model", dir["base"], "--run", dir["not-a-run"], "--held-out");
        Assert.Equal(ExitCodes.BadArguments, both.Code);
        Assert.Contains("--run evaluates the run's own held-out set", both.Err);
    }

    [Fact]
    public async Task Train_into_a_folder_made_for_other_tools_or_tasks_is_refused_with_what_changed()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        WriteSmallRunConfig(dir["run.json"]);
        var atlas = new AtlasEnvironment();
        string[] args = ["train", "--model", dir["base"], "--config", dir["run.json"], "--steps", "1", "--out", dir["run"]];

        var first = await CliHarness.RunAsync([atlas], args);
        Assert.True(first.Code == ExitCodes.Ok, first.Err);

        var reworded = await CliHarness.RunAsync([AlteredEnvironment.WithRewordedTool(atlas)], args);
        Assert.Equal(ExitCodes.BadArguments, reworded.Code);
        Assert.Contains("environment 'atlas'", reworded.Err);
        Assert.Contains("to start fresh", reworded.Err);
        Assert.DoesNotContain("tasks:", reworded.Err);

        var fewer = await CliHarness.RunAsync([new AlteredEnvironment(atlas, tasks: atlas.Tasks.Skip(3).ToArray())], args);
        Assert.Equal(ExitCodes.BadArguments, fewer.Code);
        Assert.Contains("tasks:", fewer.Err);

        // The same inputs resume.
        var again = await CliHarness.RunAsync([atlas], args);
        Assert.True(again.Code == ExitCodes.Ok, again.Err);
        Assert.Contains("resumed from step 1", again.Out);
    }
}
