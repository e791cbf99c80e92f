using ToolRL.Environments;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Cli;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Cli;

/// <summary>
/// The commands that take <c>--model DIR</c>, run through the command line on a tiny generated Qwen3 checkpoint
/// (real Qwen3 tokenizer files from the fixtures): eval, sft, collect, train with a config file, analyze.
/// </summary>
public sealed class CheckpointCommandsTests
{
    private static Task<(int Code, string Out, string Err)> Run(IToolEnvironment environment, params string[] args) =>
        CliHarness.RunAsync([environment], args);


    [Fact]
    public async Task Eval_sft_collect_train_and_analyze_run_on_a_checkpoint_folder()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        var environment = new CapitalsEnvironment();

        var eval = await Run(environment, "eval", "--model", dir["base"], "--max-turns", "2", "--max-new-tokens", "4", "--out", dir["eval.md"]);
        Assert.True(eval.Code == ExitCodes.Ok, eval.Err);
        Assert.Contains("Solve-F1", eval.Out);
        Assert.True(File.Exists(dir["eval.md"]));
        // Per-task traces beside the report: one JSON line per task, with its turns.
        var traces = File.ReadAllLines(dir["eval.traces.jsonl"]);
        Assert.Equal(environment.Tasks.Count, traces.Length);
        Assert.All(traces, line => Assert.Contains("\"turns\"", line));
        Assert.Contains($"traces: {dir["eval.traces.jsonl"]}", eval.Out);

        var sft = await Run(environment, "sft", "--model", dir["base"], "--out", dir["sft"], "--steps", "2", "--batch-size", "2", "--lr", "1e-3");
        Assert.True(sft.Code == ExitCodes.Ok, sft.Err);
        using (var tuned = ModelLoader.Load(dir["sft"]))
            Assert.Equal(2, tuned.Config.NumHiddenLayers);
        Assert.True(File.Exists(Path.Combine(dir["sft"], "tokenizer.json")));

        var collect = await Run(environment, "collect", "--model", dir["base"], "--max-turns", "1", "--max-new-tokens", "4", "--out", dir["records.jsonl"]);
        Assert.True(collect.Code == ExitCodes.Ok, collect.Err);
        var records = File.ReadAllLines(dir["records.jsonl"]);
        Assert.Equal(environment.Tasks.Count, records.Length);
        Assert.All(records, line => Assert.Contains("\"solve_rate\"", line));

        // A config file sets the small RL batch; flags override it (steps, out).
        new RunConfig
        {
            SamplesPerPrompt = 2, PromptsPerStep = 1, MiniBatchPrompts = 1, MicroBatchSize = 2, MaxTurns = 1, MaxNewTokens = 4,
            CheckpointInterval = 1, LearningRate = 1e-3, TrainableParameters = "model.layers.0.mlp.*",
        }.Save(dir["run.json"]);
        var train = await Run(environment, "train", "--model", dir["base"], "--config", dir["run.json"], "--steps", "1", "--out", dir["run"]);
        Assert.True(train.Code == ExitCodes.Ok, train.Err);
        Assert.Contains("ran 1 steps", train.Out);
        var latest = new RunCheckpointStore(dir["run"]).Latest();
        Assert.NotNull(latest);

        var analyze = await Run(environment, "analyze", "--before", dir["base"], "--after", latest.Value.Path, "--out", dir["analysis"]);
        Assert.True(analyze.Code == ExitCodes.Ok, analyze.Err);
        Assert.True(File.Exists(Path.Combine(dir["analysis"], "parameter-change.md")));
        Assert.True(File.Exists(Path.Combine(dir["analysis"], "parameter-change.png")));
    }
}
