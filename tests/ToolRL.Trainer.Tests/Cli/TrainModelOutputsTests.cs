using ToolRL.Cli;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.EmbeddedDefault;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.Cli;

using FactAttribute = Xunit.FactAttribute;

/// <summary>
/// <c>train --model</c> writes what the embedded job writes: metrics under the same names, TensorBoard events,
/// held-out evaluations (before RL, every <c>evalInterval</c> steps, after the last) with traces, and
/// <c>report.md</c> with the curves; a resumed run adds only the steps and evaluations it runs.
/// </summary>
public sealed class TrainModelOutputsTests
{
    [Fact]
    public async Task Train_model_evaluates_every_eval_interval_and_writes_the_embedded_jobs_kinds_of_output()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        new RunConfig
        {
            SamplesPerPrompt = 2, PromptsPerStep = 1, MiniBatchPrompts = 1, MicroBatchSize = 2, MaxTurns = 1, MaxNewTokens = 4,
            CheckpointInterval = 1, LearningRate = 1e-3, EvalInterval = 1,
        }.Save(dir["run.json"]);
        var env = new AtlasEnvironment();

        var train = await CliHarness.RunAsync([env], "train", "--model", dir["base"], "--config", dir["run.json"], "--scenario", "atlas", "--steps", "2", "--out", dir["run"]);

        Assert.True(train.Code == ExitCodes.Ok, train.Err);
        var records = MetricsLog.Read(Path.Combine(dir["run"], "metrics.jsonl"));
        Assert.Equal([("eval", 0), ("rl", 1), ("eval", 1), ("rl", 2), ("eval", 2)], records.Select(r => (r.Phase, r.Step)));
        Assert.All(records.Where(r => r.Phase == "eval"), r => Assert.True(double.IsFinite(r["solve_f1"]) && double.IsFinite(r["strict_solve_f1"])));
        var heldOut = ToolRL.Trainer.Data.SplitManifest.Load(dir["run"]).HeldOut.Count;
        Assert.Equal(heldOut, File.ReadAllLines(Path.Combine(dir["run"], "heldout-step-2.jsonl")).Length);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir["run"], "tensorboard"), "events.out.tfevents.*"));
        var report = File.ReadAllText(Path.Combine(dir["run"], "report.md"));
        Assert.Contains("Held-out evaluation", report);
        Assert.Contains("strict Solve-F1", report);
        Assert.Contains("plots/rl_reward_mean.png", report);
        Assert.Contains("plots/heldout_over_time.png", report);
        Assert.True(File.Exists(Path.Combine(dir["run"], "plots", "heldout_over_time.png")));

        // The embedded job logs its RL steps and evaluations under the same names.
        using var embedded = new TempDirectory();
        await EmbeddedDefaultJob.RunAsync(EmbeddedDefaultJobTests.Tiny(embedded.Path), [env], new StringWriter());
        var embeddedRecords = MetricsLog.Read(Path.Combine(embedded.Path, "metrics.jsonl"));
        foreach (var phase in new[] { "rl", "eval" })
            Assert.Equal(Names(embeddedRecords, phase), Names(records, phase));

        // More steps into the same folder: resumes at step 2 and evaluates after step 3 only.
        var more = await CliHarness.RunAsync([env], "train", "--model", dir["base"], "--config", dir["run.json"], "--scenario", "atlas", "--steps", "3", "--out", dir["run"]);
        Assert.True(more.Code == ExitCodes.Ok, more.Err);
        Assert.Equal([("eval", 0), ("rl", 1), ("eval", 1), ("rl", 2), ("eval", 2), ("rl", 3), ("eval", 3)],
            MetricsLog.Read(Path.Combine(dir["run"], "metrics.jsonl")).Select(r => (r.Phase, r.Step)));
    }

    [Fact]
    public async Task Sft_runs_on_the_loop_writes_the_embedded_jobs_kinds_of_output_and_resumes_after_a_kill()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        var env = new AtlasEnvironment();
        string[] Args(string output, int steps) =>
            ["sft", "--model", dir["base"], "--out", output, "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size", "2",
             "--eval-interval", "2", "--max-turns", "1", "--max-new-tokens", "4"];

        var sft = await CliHarness.RunAsync([env], Args(dir["sft"], 3));

        Assert.True(sft.Code == ExitCodes.Ok, sft.Err);
        var records = MetricsLog.Read(Path.Combine(dir["sft"], "metrics.jsonl"));
        Assert.Equal([("eval", 0), ("sft", 1), ("sft", 2), ("eval", 2), ("sft", 3), ("eval", 3)], records.Select(r => (r.Phase, r.Step)));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir["sft"], "tensorboard"), "events.out.tfevents.*"));
        var report = File.ReadAllText(Path.Combine(dir["sft"], "report.md"));
        Assert.Contains("after SFT step", report);
        Assert.Contains("plots/sft_loss.png", report);
        Assert.Equal([3], new RunCheckpointStore(dir["sft"], "sft").Complete().Select(c => c.Step));
        Assert.True(File.Exists(Path.Combine(dir["sft"], "model.safetensors"))); // the folder is the HF checkpoint train --model takes

        // The embedded job's SFT steps log the same metrics.
        using var embedded = new TempDirectory();
        await EmbeddedDefaultJob.RunAsync(EmbeddedDefaultJobTests.Tiny(embedded.Path) with { RlIterations = 0 }, [env], new StringWriter());
        Assert.Equal(Names(MetricsLog.Read(Path.Combine(embedded.Path, "metrics.jsonl")), "sft"), Names(records, "sft"));

        // The same command into the same folder resumes from its final checkpoint and trains nothing again.
        var again = await CliHarness.RunAsync([env], Args(dir["sft"], 3));
        Assert.True(again.Code == ExitCodes.Ok, again.Err);
        Assert.Contains("resumed from step 3", again.Out);
        Assert.Equal(records.Select(r => r.ToJsonLine()), MetricsLog.Read(Path.Combine(dir["sft"], "metrics.jsonl")).Select(r => r.ToJsonLine()));
    }

    private static string[] Names(IReadOnlyList<StepMetrics> records, string phase) =>
        records.Where(r => r.Phase == phase).SelectMany(r => r.Values.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
}
