using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Sft;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Optimization;

public sealed class SftTrainingProcessTests
{
    private static async Task<IReadOnlyList<SftExample>> Examples(int tasks)
    {
        var env = new AtlasEnvironment();
        var builder = new SftExampleBuilder(AtlasTokenizer.Tokenizer, Qwen3ChatTemplate.Instance);
        var all = new List<SftExample>();
        foreach (var t in env.Tasks.Take(tasks))
            all.AddRange(builder.Build(t.Id, await GoldenTrajectory.BuildAsync(env, t), env.Tools));
        return all;
    }

    private static CausalLM TinyModel(TempDirectory dir, int seed)
    {
        TinyCheckpoint.Write(dir.Path, ModelFamily.Qwen3, new TinyModelSizes { VocabSize = AtlasTokenizer.Tokenizer.VocabularySize, HiddenSize = 32, IntermediateSize = 64, Layers = 1, Heads = 2, KeyValueHeads = 1, HeadDim = 16, InitStd = 0.02 }, seed);
        return ModelLoader.Load(dir.Path);
    }

    /// <summary>Trains a fresh tiny model (seed 5) as the one phase of a run in <paramref name="runDirectory"/>; a
    /// non-null <paramref name="killAfterStep"/> cancels the run once that step is done (a Ctrl-C there).</summary>
    private static async Task<(double[] Losses, float[][] Weights)> TrainAsync(string runDirectory, SftOptions options, IReadOnlyList<SftExample> examples, int? killAfterStep = null)
    {
        using var init = new TempDirectory();
        using var model = TinyModel(init, 5);
        using var process = new SftTrainingProcess(model, examples, options, init.Path, new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false));
        using var kill = new CancellationTokenSource();
        var progress = new CancelOnLine(killAfterStep is { } k ? $"[sft] {k}/" : null, kill);
        var run = new PhasedRun(runDirectory, [new RunPhase("sft", "test")], progress);
        var config = new TrainingLoopOptions { OutputDir = runDirectory, Steps = options.Steps, CheckpointInterval = 100 };
        await run.RunAsync("sft", config, process, null, ProgressDisplay.Plain(progress, everyPercent: 1), kill.Token);
        var losses = MetricsLog.Read(Path.Combine(runDirectory, "metrics.jsonl")).Select(r => r["loss"]).ToArray();
        return (losses, model.parameters().Select(p => p.data<float>().ToArray()).ToArray());
    }

    [Fact]
    public async Task The_assistant_token_loss_falls_within_a_few_steps_and_is_reproducible()
    {
        var examples = await Examples(4);
        var options = new SftOptions { Steps = 12, BatchSize = 4, Seed = 3, MinSharedPrefix = 0, Optimizer = new() { LearningRate = 1e-2, WeightDecay = 0 } };
        using var dir = new TempDirectory();

        var (first, firstWeights) = await TrainAsync(dir["a"], options, examples);
        var (second, secondWeights) = await TrainAsync(dir["b"], options, examples);

        Assert.Equal(12, first.Length);
        Assert.True(first.TakeLast(3).Average() < 0.7 * first.Take(3).Average(),
            $"loss did not fall: {string.Join(", ", first.Select(l => l.ToString("F3")))}");
        Assert.Equal(first, second);
        Assert.Equal(firstWeights, secondWeights);
        var record = MetricsLog.Read(dir["a/metrics.jsonl"])[0];
        Assert.Equal(("sft", 1), (record.Phase, record.Step));
        Assert.Equal(1e-2, record["lr"], 12);
        Assert.True(record["target_tokens"] > 0 && record["tokens"] > record["target_tokens"] && record["grad_norm"] > 0);
        Assert.NotEmpty(Directory.GetFiles(dir["a/tensorboard"], "events.out.tfevents.*"));
        Assert.Equal([12], new RunCheckpointStore(dir["a"], "sft").Complete().Select(c => c.Step));
    }

    [Xunit.Theory]
    [Xunit.InlineData(64)] // prefix-grouped batches
    [Xunit.InlineData(0)]  // plain shuffled batches
    public async Task A_run_killed_mid_sft_resumes_and_ends_with_the_weights_and_losses_of_an_uninterrupted_run(int minSharedPrefix)
    {
        var examples = await Examples(6);
        // A decaying schedule: a resumed step must also get the learning rate of its place in the schedule.
        var options = new SftOptions
        {
            Steps = 6, BatchSize = 3, Seed = 9, MinSharedPrefix = minSharedPrefix, Schedule = new LearningRateSchedule { WarmupSteps = 2, FinalFraction = 0.1 },
            Optimizer = new() { LearningRate = 1e-2, WeightDecay = 0.01 },
        };
        using var dir = new TempDirectory();
        var (whole, wholeWeights) = await TrainAsync(dir["whole"], options, examples);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TrainAsync(dir["killed"], options, examples, killAfterStep: 2));
        Assert.Equal([2], new RunCheckpointStore(dir["killed"], "sft").Complete().Select(c => c.Step));
        var (resumed, resumedWeights) = await TrainAsync(dir["killed"], options, examples);

        Assert.Equal(whole, resumed);
        Assert.Equal(wholeWeights, resumedWeights);
        Assert.Equal(MetricsLog.Read(dir["whole/metrics.jsonl"]).Select(r => (r.Step, r["lr"])), MetricsLog.Read(dir["killed/metrics.jsonl"]).Select(r => (r.Step, r["lr"])));
    }

    /// <summary>A progress writer that cancels when a line starts with <paramref name="prefix"/> (never when null).</summary>
    private sealed class CancelOnLine(string? prefix, CancellationTokenSource source) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (prefix is not null && value is not null && value.StartsWith(prefix, StringComparison.Ordinal)) source.Cancel();
        }
    }

    [Fact]
    public void Padding_does_not_change_a_sequence_loss()
    {
        using var dir = new TempDirectory();
        using var model = TinyModel(dir, 1);
        var shortOne = new SftExample("s", [1, 2, 3, 4], [false, false, true, true]);
        var longOne = new SftExample("l", [5, 6, 7, 8, 9, 10, 11], [false, false, false, true, true, true, true]);
        using var noGrad = TorchSharp.torch.no_grad();

        double alone = SftLoss.BatchLoss(model, [shortOne]).item<float>();
        double aloneLong = SftLoss.BatchLoss(model, [longOne]).item<float>();
        double together = SftLoss.BatchLoss(model, [shortOne, longOne]).item<float>();

        // Token-mean over the batch: (2 × alone + 4 × aloneLong) / 6.
        Assert.Equal((2 * alone + 4 * aloneLong) / 6, together, 4);
    }

    [Fact]
    public void Mismatched_mask_is_rejected_with_the_example_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new SftExample("x7", [1, 2, 3], [false, true]).Validate());
        Assert.Contains("'x7'", error.Message);
    }
}
