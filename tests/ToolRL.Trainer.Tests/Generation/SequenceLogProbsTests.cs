using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Generation;

/// <summary>Log-probs of given responses equal what generation reported, and gradients flow.</summary>
public sealed class SequenceLogProbsTests
{
    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2, 1.0)]
    [InlineData(ModelFamily.Qwen3, 0.7)]
    public void EqualTheLogProbsGenerationReported(ModelFamily family, double temperature)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied: false);
        IReadOnlyList<int>[] prompts = [[5, 17, 3, 88], [42], [7, 7, 7, 1, 2, 60]];
        var generated = SequenceGenerator.Generate(model, prompts, new GenerationOptions { Temperature = temperature, TopK = 20, TopP = 0.95, MaxNewTokens = 9, Seed = 4, StopTokenIds = [10, 20, 30] });
        var pairs = prompts.Zip(generated, (p, g) => (p, (IReadOnlyList<int>)g.Tokens)).ToList();
        using var batch = LogProbBatch.Create(pairs);
        var (logProbs, entropy) = SequenceLogProbs.Compute(model, batch, temperature);
        float[] lp = logProbs.detach().data<float>().ToArray();
        float[] mask = batch.ResponseMask.data<float>().ToArray();
        float[] ent = entropy.detach().data<float>().ToArray();
        int width = batch.ResponseLength;
        for (int r = 0; r < pairs.Count; r++)
        {
            for (int j = 0; j < width; j++)
            {
                bool real = j < generated[r].Tokens.Length;
                Assert.Equal(real ? 1f : 0f, mask[r * width + j]);
                if (real)
                {
                    Assert.Equal(generated[r].LogProbs[j], lp[r * width + j], 4);
                    Assert.InRange(ent[r * width + j], 0f, (float)Math.Log(model.Config.VocabSize) + 1e-4f);
                }
                else
                {
                    Assert.Equal(0f, lp[r * width + j]);
                    Assert.Equal(0f, ent[r * width + j]);
                }
            }
        }
    }

    [Xunit.Fact]
    public void EntropyMatchesItsDefinitionAndGradientsReachEveryWeight()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen3, tied: true);
        using var batch = LogProbBatch.Create([([1, 2, 3], [4, 5]), ([9], [8, 7, 6])]);
        var (logProbs, entropy) = SequenceLogProbs.Compute(model, batch);
        using (no_grad())
        {
            // Row 1, first response token: distribution after the single prompt token 9.
            using var logits = model.forward(tensor(new long[] { 9 }, [1, 1]));
            using var p = logits[0, 0].log_softmax(-1);
            double expected = -(p.exp() * p).sum().item<float>();
            Assert.Equal(expected, entropy[1, 0].item<float>(), 4);
            Assert.Equal(p[8].item<float>(), logProbs[1, 0].item<float>(), 4);
        }
        logProbs.sum().backward();
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.NotNull(parameter.grad);
            Assert.True(parameter.grad!.abs().sum().item<float>() > 0, $"no gradient reached {name}");
        }
    }
}
