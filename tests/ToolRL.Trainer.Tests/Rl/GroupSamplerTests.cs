using ToolRL.Episodes;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;
using static TorchSharp.torch;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;

public class GroupSamplerTests
{
    [Fact]
    public async Task Rollouts_records_group_samples_and_a_grpo_update_run_on_a_tiny_qwen3_with_the_real_tokenizer()
    {
        using var dir = new TempDirectory();
        var tokenizerDir = TextFixtures.Qwen3Directory;
        var vocab = TextFixtures.Qwen3Tokenizer.VocabularySize;
        TinyCheckpoint.Write(dir["tiny"], ModelFamily.Qwen3, new TinyModelSizes { VocabSize = vocab, HiddenSize = 32, IntermediateSize = 64 },
            seed: 5, tokenizerFiles: Directory.GetFiles(tokenizerDir, "*.json"));
        var policy = TorchPolicy.Load(dir["tiny"]);
        using var reference = ModelLoader.Load(dir["tiny"]);
        reference.eval();

        var env = new CapitalsEnvironment();
        var sampling = new PolicySampling { Temperature = 1.0, MaxNewTokens = 6, Seed = 3 };
        var episodeOptions = new EpisodeOptions { MaxTurns = 2 };
        var rollouts = new EpisodeRunner(policy, new RolloutOptions { Episode = episodeOptions, Sampling = sampling });
        var episodes = await rollouts.RunAsync(env.Tasks.Select(t => new EpisodeTask(env, t)).ToArray());
        var records = episodes.SelectMany(t => t.Steps).ToArray();
        Assert.True(records.Length >= 2);
        Assert.All(records, r => Assert.NotNull(r.Taken.Tokens));
        // The record's prompt is the one the episode's turn was sampled from.
        Assert.All(records, r => Assert.Equal(r.Taken.Tokens!.PromptIds, policy.EncodePrompt(r.Request)));

        var sampler = new GroupSampler(policy, episodeOptions);
        var samples = await sampler.SampleAsync(records, samplesPerPrompt: 4, sampling);
        Assert.Equal(records.Length * 4, samples.Count);
        // One group per record, its four samples together, each on its record's prompt.
        var groups = records.Select((r, i) => (Id: GroupSampler.GroupId(r, i), Ids: policy.EncodePrompt(r.Request))).ToDictionary(g => g.Id, g => g.Ids);
        Assert.Equal(groups.Keys.Order(), samples.Select(s => s.GroupId).Distinct().Order());
        Assert.All(samples.Chunk(4), group => Assert.Single(group.Select(s => s.GroupId).Distinct()));
        Assert.All(samples, s => Assert.Equal(groups[s.GroupId], s.PromptIds));
        // Prompts in token order, so neighbours share their prefill.
        Assert.All(samples.Zip(samples.Skip(1)), p => Assert.True(p.First.PromptIds.AsSpan().SequenceCompareTo(p.Second.PromptIds) <= 0));
        // Whatever order the records come in: the same rows, the same seeds, the same samples.
        var reversed = await sampler.SampleAsync(records.Reverse().ToArray(), samplesPerPrompt: 4, sampling);
        Assert.Equal(samples.Select(s => (s.PromptIds, s.ResponseIds, s.Reward)), reversed.Select(s => (s.PromptIds, s.ResponseIds, s.Reward)));
        // Every reward is one the paper's step-reward table can give for these tasks.
        double[] possible = [-0.5, -0.3, 0, 0.5, 1, 0.5 / 1, 1.0 / 2, 1.0 / 3, 2.0 / 3, 2.0 * 2 / 3, 2.0 / 4];
        Assert.All(samples, s => Assert.Contains(possible, p => Math.Abs(p - s.Reward) < 1e-9));

        // The sampler's log-probs are the scorer's: the prompt/response wiring is consistent.
        var scorer = new CausalLmScorer(policy.Model, policy.PadTokenId);
        using (no_grad())
        using (var scores = scorer.Score([(samples[0].PromptIds, samples[0].ResponseIds)], false))
        {
            var recomputed = scores.LogProbs.data<float>().ToArray();
            for (var j = 0; j < samples[0].ResponseIds.Length; j++)
                Assert.Equal(samples[0].SampledLogProbs![j], recomputed[j], 2);
        }

        // Force a reward spread so the update has a signal, then train the lower layers' MLPs.
        var spread = samples.Select((s, i) => s with { Reward = i % 2 }).ToArray();
        var trainable = TrainableParameters.Select(policy.Model, "model.layers.0.mlp.*");
        using var optimizer = new PolicyOptimizer(trainable.Select(t => t.Parameter), new PolicyOptimizerOptions { LearningRate = 1e-3 });
        var updater = new RlUpdater(scorer, new CausalLmScorer(reference, policy.PadTokenId), optimizer,
            new RlUpdateOptions { MiniBatchSize = 8, MicroBatchSize = 4 });
        var stats = updater.Update(spread);
        Assert.Equal((spread.Length + 7) / 8, stats.OptimizerSteps);
        Assert.Equal(spread.Sum(s => (long)s.ResponseIds.Length), stats.ResponseTokens);
        Assert.True(double.IsFinite(stats.TotalLoss) && stats.GradNorm > 0);
        Assert.True(stats.Entropy > 0);
    }
}
