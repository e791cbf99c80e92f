using ToolRL.Rewards;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;

public class RunConfigTests
{
    [Fact]
    public void Defaults_are_the_paper_settings()
    {
        var c = new RunConfig().Validate();
        Assert.Equal((1e-6, 0.001, "low_var_kl", 0.001, 0.2, 16, 20), (c.LearningRate, c.KlCoefficient, c.KlType, c.EntropyCoefficient, c.ClipRatio, c.SamplesPerPrompt, c.MaxTurns));
        var update = c.ToUpdateSettings();
        Assert.Equal(RlAlgorithm.Grpo, update.Algorithm);
        Assert.Equal(c.MiniBatchPrompts * c.SamplesPerPrompt, update.MiniBatchSize);
        Assert.Equal(KlEstimator.LowVarK3, update.Loss.KlEstimator);
        Assert.Equal(StepRewardVariant.F1, c.StepRewardVariant);
    }

    [Fact]
    public void A_config_file_loads_and_saves_back_equal()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["run.json"], """
            {
              // comments are allowed
              "seed": 5, "algorithm": "reinforce++", "learningRate": 2e-6, "steps": 7,
            }
            """);
        // Command-line flags override these in `train --model` (System.CommandLine options; tests in Cli/).
        var c = RunConfig.Load(dir["run.json"]) with { TrainableParameters = "model.layers.[0-3].mlp.*" };
        Assert.Equal(5, c.Seed);
        Assert.Equal(RlAlgorithm.ReinforcePlusPlus, c.ToUpdateSettings().Algorithm);
        Assert.Equal(2e-6, c.LearningRate);
        Assert.Equal(7, c.Steps);

        // The saved file loads back equal.
        c.Save(dir["saved.json"]);
        Assert.Equal(c, RunConfig.Load(dir["saved.json"]));
    }

    [Fact]
    public void Unknown_keys_bad_values_and_missing_files_are_named()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["typo.json"], """{ "learningRat": 1e-6 }""");
        var e = Assert.Throws<RunConfigException>(() => RunConfig.Load(dir["typo.json"]));
        Assert.Contains("learningRat", e.Message);
        Assert.Contains("typo.json", e.Message);

        File.WriteAllText(dir["bad.json"], """{ "clipRatio": 1.5, "algorithm": "ppo", "samplesPerPrompt": 0 }""");
        e = Assert.Throws<RunConfigException>(() => RunConfig.Load(dir["bad.json"]));
        Assert.Contains("clipRatio", e.Message);
        Assert.Contains("'ppo'", e.Message);
        Assert.Contains("samplesPerPrompt", e.Message);

        Assert.Contains("does not exist", Assert.Throws<RunConfigException>(() => RunConfig.Load(dir["none.json"])).Message);
    }

    [Fact]
    public async Task The_loop_options_carry_the_schedule_and_the_run_folder_keeps_the_config_it_ran_with()
    {
        using var dir = new TempDirectory();
        var c = new RunConfig { OutputDir = dir["run"], Steps = 0, Seed = 9, CheckpointInterval = 4, KeepCheckpoints = 3, EvalInterval = 2, LearningRate = 3e-6 };
        var loop = c.ToLoopOptions();
        Assert.Equal((dir["run"], 0, 9, 4, 3, 2), (loop.OutputDir, loop.Steps, loop.Seed, loop.CheckpointInterval, loop.KeepCheckpoints, loop.EvalInterval));

        // No steps to run: the loop only writes config.json, which loads back as the config.
        await new ResumableTrainingLoop(loop, ProgressDisplay.Plain(TextWriter.Null)).RunAsync(new NoSteps());
        Assert.Equal(c, RunConfig.Load(Path.Combine(dir["run"], "config.json")));

        // A bad config gives no loop options; a bad schedule built in code no loop.
        Assert.Contains("checkpointInterval", Assert.Throws<RunConfigException>(() => (c with { CheckpointInterval = 0 }).ToLoopOptions()).Message);
        var e = Assert.Throws<RunConfigException>(() => new ResumableTrainingLoop(loop with { KeepCheckpoints = -1, OutputDir = " " }));
        Assert.Contains("keepCheckpoints", e.Message);
        Assert.Contains("outputDir", e.Message);
    }

    private sealed class NoSteps : ITrainingProcess
    {
        public Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no step runs");
        public void SaveCheckpoint(string directory) => throw new InvalidOperationException("nothing to save");
        public void LoadCheckpoint(string directory) => throw new InvalidOperationException("nothing to load");
    }
}
