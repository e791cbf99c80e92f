using ToolRL.Trainer.Analysis;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Tests.Runs;
using static TorchSharp.torch;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;

public class TinyCheckpointRlTests
{
    [Theory]
    [InlineData(ModelFamily.Qwen3)]
    [InlineData(ModelFamily.Qwen2)]
    public void A_grpo_step_on_a_tiny_checkpoint_moves_only_the_selected_mlps_toward_the_rewarded_response(ModelFamily family)
    {
        using var dir = new TempDirectory();
        TinyCheckpoint.Write(dir["base"], family, new TinyModelSizes { Layers = 2, VocabSize = 64 }, seed: 3);
        using var policy = ModelLoader.Load(dir["base"]);
        using var reference = ModelLoader.Load(dir["base"]);
        reference.eval();
        var policyScorer = new CausalLmScorer(policy);
        var referenceScorer = new CausalLmScorer(reference);

        int[] prompt = [5, 6, 7], good = [10, 11, 12], bad = [20, 21];
        double LogProb(int[] response)
        {
            using var noGrad = no_grad();
            using var s = policyScorer.Score([(prompt, response)], false);
            return s.LogProbs.sum().item<float>();
        }
        var goodBefore = LogProb(good);
        var badBefore = LogProb(bad);

        // Only the lower layer's MLP trains (the paper's finding, as an option).
        var trainable = TrainableParameters.Select(policy, "model.layers.0.mlp.*");
        Assert.Equal(3, trainable.Count);
        using var optimizer = new PolicyOptimizer(trainable.Select(t => t.Parameter), new PolicyOptimizerOptions { LearningRate = 1e-2 });
        var updater = new RlUpdater(policyScorer, referenceScorer, optimizer,
            new RlUpdateOptions { MiniBatchSize = 4, MicroBatchSize = 2 });
        RlSample[] batch =
        [
            new("p", prompt, good, 1.0), new("p", prompt, bad, 0.0),
            new("p", prompt, good, 1.0), new("p", prompt, bad, 0.0),
        ];
        var stats = updater.Update(batch);
        stats = updater.Update(batch);

        Assert.Equal(1, stats.OptimizerSteps);
        Assert.True(LogProb(good) > goodBefore, "the rewarded response became more likely");
        Assert.True(LogProb(bad) < badBefore, "the unrewarded response became less likely");
        Assert.True(double.IsFinite(stats.GradNorm) && stats.GradNorm > 0);

        ModelSaver.Save(policy, dir["after"], copyFrom: dir["base"]);
        var changes = ParameterChangeAnalysis.CompareCheckpoints(dir["base"], dir["after"]);
        Assert.All(changes, c => Assert.Equal(c.Layer == 0 && c.Kind == "mlp", c.RelativeChange > 0));
    }
}
