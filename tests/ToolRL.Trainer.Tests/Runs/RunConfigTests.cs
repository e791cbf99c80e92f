using ToolRL.Rewards;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Tests.Runs;

using FactAttribute = Xunit.FactAttribute;

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
    public void File_then_overrides_in_order()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["run.json"], """
            {
              // comments are allowed
              "seed": 5, "algorithm": "reinforce++", "learningRate": 2e-6, "steps": 7,
            }
            """);
        var c = RunConfigOverrides.LoadWithOverrides(["--config", dir["run.json"], "--lr=3e-6", "--samples-per-prompt", "4", "--trainable", "model.layers.[0-3].mlp.*"]);
        Assert.Equal(5, c.Seed);
        Assert.Equal(RlAlgorithm.ReinforcePlusPlus, c.ToUpdateSettings().Algorithm);
        Assert.Equal(3e-6, c.LearningRate);
        Assert.Equal(4, c.SamplesPerPrompt);
        Assert.Equal(7, c.Steps);
        Assert.Equal("model.layers.[0-3].mlp.*", c.TrainableParameters);

        // The saved file loads back equal.
        c.Save(dir["saved.json"]);
        Assert.Equal(c, RunConfig.Load(dir["saved.json"]));
    }

    [Fact]
    public void Unknown_keys_bad_values_and_unknown_options_are_named()
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

        Assert.Contains("--lrr", Assert.Throws<RunConfigException>(() => RunConfigOverrides.Apply(new RunConfig(), ["--lrr", "1"])).Message);
        Assert.Contains("'abc'", Assert.Throws<RunConfigException>(() => RunConfigOverrides.Apply(new RunConfig(), ["--steps", "abc"])).Message);
        Assert.Contains("needs a value", Assert.Throws<RunConfigException>(() => RunConfigOverrides.Apply(new RunConfig(), ["--seed"])).Message);
        Assert.Contains("does not exist", Assert.Throws<RunConfigException>(() => RunConfigOverrides.LoadWithOverrides(["--config", dir["none.json"]])).Message);
    }

    [Fact]
    public void Step_seeds_differ_by_step_and_stream_and_repeat()
    {
        Assert.Equal(TorchRng.StepSeed(1, 2, 3), TorchRng.StepSeed(1, 2, 3));
        var seeds = new HashSet<int>();
        for (var step = 0; step < 50; step++)
            for (var stream = 0; stream < 4; stream++)
                seeds.Add(TorchRng.StepSeed(7, step, stream));
        Assert.Equal(200, seeds.Count);
    }
}
