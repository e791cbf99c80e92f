using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;


public class RlUpdaterTests
{
    private static readonly int[] Prompt = [0];
    private static readonly int[] Good = [1, 2];
    private static readonly int[] Bad = [3, 4, 5];

    private static RlSample[] Batch() =>
    [
        new("p", Prompt, Good, 1.0), new("p", Prompt, Bad, 0.0),
        new("p", Prompt, Good, 1.0), new("p", Prompt, Bad, 0.0),
    ];

    [Theory]
    [InlineData(RlAlgorithm.Grpo)]
    [InlineData(RlAlgorithm.ReinforcePlusPlus)]
    public void Updates_raise_the_rewarded_response_and_lower_the_other(RlAlgorithm algorithm)
    {
        var policy = new BigramScorer(6, 8, seed: 1);
        var reference = new BigramScorer(6, 8, seed: 1);
        reference.eval();
        var goodBefore = policy.LogProbOf(Prompt, Good);
        var badBefore = policy.LogProbOf(Prompt, Bad);
        Assert.Equal(goodBefore, reference.LogProbOf(Prompt, Good), 6);

        var trainable = TrainableParameters.Select(policy, null);
        using var optimizer = new PolicyOptimizer(trainable.Select(t => t.Parameter), new PolicyOptimizerOptions { LearningRate = 0.05 });
        var updater = new RlUpdater(policy, reference, optimizer,
            new RlUpdateOptions { Algorithm = algorithm, MiniBatchSize = 2, MicroBatchSize = 1 });

        RlUpdateStats stats = null!;
        for (var i = 0; i < 5; i++)
            stats = updater.Update(Batch());

        Assert.True(policy.LogProbOf(Prompt, Good) > goodBefore + 0.1, "the rewarded response became more likely");
        Assert.True(policy.LogProbOf(Prompt, Bad) < badBefore - 0.1, "the unrewarded response became less likely");
        // 4 samples, mini-batches of 2 → 2 optimizer steps per update.
        Assert.Equal(2, stats.OptimizerSteps);
        Assert.Equal(10, stats.ResponseTokens);
        Assert.Equal(0.5, stats.MeanReward);
        Assert.True(stats.Kl > 0, "the policy moved away from the frozen reference");
        Assert.True(stats.Entropy > 0);
        Assert.True(stats.TokensPerSecond > 0);
    }

    [Fact]
    public void Equal_rewards_give_zero_grpo_advantage_and_leave_the_policy_alone()
    {
        var policy = new BigramScorer(6, 8, seed: 2);
        var before = policy.LogProbOf(Prompt, Good);
        using var optimizer = new PolicyOptimizer(policy.parameters(), new PolicyOptimizerOptions { LearningRate = 0.05, WeightDecay = 0 });
        var updater = new RlUpdater(policy, null, optimizer, new RlUpdateOptions
        {
            MiniBatchSize = 4,
            Loss = new RlLossOptions { UseKlLoss = false, EntropyCoefficient = 0 },
        });
        var stats = updater.Update([new("p", Prompt, Good, 1), new("p", Prompt, Bad, 1)]);
        Assert.Equal(0, stats.MeanAdvantage, 9);
        Assert.Equal(before, policy.LogProbOf(Prompt, Good), 6);
    }

    [Fact]
    public void Bad_batches_are_refused_with_a_reason()
    {
        var policy = new BigramScorer(6, 8, seed: 3);
        using var optimizer = new PolicyOptimizer(policy.parameters());
        Assert.Contains("reference", Assert.Throws<ArgumentException>(() =>
            new RlUpdater(policy, null, optimizer, new RlUpdateOptions())).Message);
        var updater = new RlUpdater(policy, policy, optimizer, new RlUpdateOptions());
        Assert.Contains("empty response", Assert.Throws<ArgumentException>(() =>
            updater.Update([new RlSample("p", Prompt, [], 1)])).Message);
        Assert.Contains("log-probs", Assert.Throws<ArgumentException>(() =>
            updater.Update([new RlSample("p", Prompt, Good, 1, [0f])])).Message);
    }
}
