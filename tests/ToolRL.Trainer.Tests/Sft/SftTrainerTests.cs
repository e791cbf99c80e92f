using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Sft;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

public sealed class SftTrainerTests
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

    private static CausalLM TinyModel(TempDirectory dir, long seed)
    {
        TinyCheckpoint.Write(dir.Path, ModelFamily.Qwen3, new TinyModelSizes { VocabSize = AtlasTokenizer.Tokenizer.VocabularySize, HiddenSize = 32, IntermediateSize = 64, Layers = 1, Heads = 2, KeyValueHeads = 1, HeadDim = 16, InitStd = 0.02 }, seed);
        return ModelLoader.Load(dir.Path);
    }

    [Fact]
    public async Task The_assistant_token_loss_falls_within_a_few_steps_and_is_reproducible()
    {
        var examples = await Examples(4);
        var options = new SftOptions { Steps = 12, BatchSize = 4, Seed = 3, Optimizer = new() { LearningRate = 1e-2, WeightDecay = 0 } };
        using var dirA = new TempDirectory();
        using var dirB = new TempDirectory();
        using var a = TinyModel(dirA, 5);
        using var b = TinyModel(dirB, 5);
        var progress = new StringWriter();

        var first = SftTrainer.Train(a, examples, options, progress);
        var second = SftTrainer.Train(b, examples, options);

        Assert.Equal(12, first.Losses.Count);
        Assert.True(first.Losses.TakeLast(3).Average() < 0.7 * first.Losses.Take(3).Average(),
            $"loss did not fall: {string.Join(", ", first.Losses.Select(l => l.ToString("F3")))}");
        Assert.Equal(first.Losses, second.Losses);
        Assert.Contains("sft step 12/12", progress.ToString());
        Assert.True(first.TrainedTokens > 0 && first.ProcessedTokens > first.TrainedTokens);
    }

    [Fact]
    public void Padding_does_not_change_a_sequence_loss()
    {
        using var dir = new TempDirectory();
        using var model = TinyModel(dir, 1);
        var shortOne = new SftExample("s", [1, 2, 3, 4], [false, false, true, true]);
        var longOne = new SftExample("l", [5, 6, 7, 8, 9, 10, 11], [false, false, false, true, true, true, true]);
        using var noGrad = TorchSharp.torch.no_grad();

        double alone = SftTrainer.BatchLoss(model, [shortOne]).item<float>();
        double aloneLong = SftTrainer.BatchLoss(model, [longOne]).item<float>();
        double together = SftTrainer.BatchLoss(model, [shortOne, longOne]).item<float>();

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
