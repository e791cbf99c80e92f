using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Generation;

/// <summary>KV-cache sampling: greedy equals argmax of a full forward, seeds reproduce, stops and limits hold.</summary>
public sealed class GeneratorTests
{
    static readonly IReadOnlyList<int>[] Prompts = [[5, 17, 3, 88], [42], [7, 7, 7, 1, 2, 60]];

    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    public void GreedyEqualsArgmaxOfFullRecomputation(ModelFamily family)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied: family == ModelFamily.Qwen3);
        var results = SequenceGenerator.Generate(model, Prompts, new GenerationOptions { Greedy = true, MaxNewTokens = 12, StopTokenIds = [] });
        using var noGrad = no_grad();
        for (int r = 0; r < Prompts.Length; r++)
        {
            var sequence = Prompts[r].ToList();
            Assert.Equal(12, results[r].Tokens.Length);
            Assert.Equal(FinishReason.Length, results[r].Finish);
            for (int step = 0; step < 12; step++)
            {
                using var logits = model.forward(tensor(sequence.Select(t => (long)t).ToArray(), [1, sequence.Count]));
                using var last = logits[0, -1].log_softmax(-1);
                int argmax = (int)last.argmax().item<long>();
                Assert.Equal(argmax, results[r].Tokens[step]);
                Assert.Equal(last[argmax].item<float>(), results[r].LogProbs[step], 4);
                sequence.Add(argmax);
            }
        }
    }

    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    public void RepeatedPromptsShareOnePrefillAndGenerateAsIfAlone(ModelFamily family)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied: false);
        // A GRPO-like batch: each prompt three times, one of them a different array with the same tokens.
        IReadOnlyList<int>[] repeated = [Prompts[0], Prompts[0], Prompts[1], [.. Prompts[0]], Prompts[2], Prompts[1], Prompts[2]];
        int[] source = [0, 0, 1, 0, 2, 1, 2];
        Assert.Equal(source.Select(i => (long)i), SequenceGenerator.Distinct(repeated).RowOf);
        Assert.Equal(3, SequenceGenerator.Distinct(repeated).Distinct.Count);

        var options = new GenerationOptions { Greedy = true, MaxNewTokens = 10, StopTokenIds = [] };
        var alone = Prompts.Select(p => SequenceGenerator.Generate(model, [p], options)[0]).ToArray();
        var shared = SequenceGenerator.Generate(model, repeated, options);
        for (int r = 0; r < repeated.Length; r++)
        {
            Assert.Equal(alone[source[r]].Tokens, shared[r].Tokens);
            for (int t = 0; t < shared[r].LogProbs.Length; t++)
                Assert.Equal(alone[source[r]].LogProbs[t], shared[r].LogProbs[t], 4);
        }

        // Sampled rows of one prompt still differ from each other (each row draws its own tokens).
        var sampled = SequenceGenerator.Generate(model, Enumerable.Repeat(Prompts[2], 6).ToArray(),
            new GenerationOptions { Temperature = 2.0, MaxNewTokens = 12, Seed = 3, StopTokenIds = [] });
        Assert.True(sampled.Select(s => string.Join(',', s.Tokens)).Distinct().Count() > 1);
    }

    [Xunit.Fact]
    public void SamplingIsDeterministicBySeedAndSeedsDiffer()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen3, tied: false);
        var options = new GenerationOptions { Temperature = 1.5, MaxNewTokens = 20, Seed = 5, StopTokenIds = [] };
        var a = SequenceGenerator.Generate(model, Prompts, options);
        var b = SequenceGenerator.Generate(model, Prompts, options);
        var c = SequenceGenerator.Generate(model, Prompts, options with { Seed = 6 });
        for (int r = 0; r < Prompts.Length; r++)
        {
            Assert.Equal(a[r].Tokens, b[r].Tokens);
            Assert.Equal(a[r].LogProbs, b[r].LogProbs);
        }
        Assert.NotEqual(a.SelectMany(x => x.Tokens), c.SelectMany(x => x.Tokens));
        Assert.All(a.SelectMany(x => x.LogProbs), lp => Assert.True(lp <= 0 && float.IsFinite(lp)));
    }

    [Xunit.Fact]
    public void TopKOfOneIsGreedyAndTopPKeepsOnlyTheNucleus()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen2, tied: true);
        var greedy = SequenceGenerator.Generate(model, Prompts, new GenerationOptions { Greedy = true, MaxNewTokens = 8, StopTokenIds = [] });
        var topK = SequenceGenerator.Generate(model, Prompts, new GenerationOptions { TopK = 1, Temperature = 3, MaxNewTokens = 8, Seed = 9, StopTokenIds = [] });
        var topP = SequenceGenerator.Generate(model, Prompts, new GenerationOptions { TopP = 1e-6, Temperature = 3, MaxNewTokens = 8, Seed = 9, StopTokenIds = [] });
        for (int r = 0; r < Prompts.Length; r++)
        {
            Assert.Equal(greedy[r].Tokens, topK[r].Tokens);
            Assert.Equal(greedy[r].Tokens, topP[r].Tokens);
        }

        // Direct check of the filters on a known distribution.
        using var logits = tensor(new float[] { 0f, 3f, 2.9f, -5f, 1f }, [1, 5]);
        var seen = new HashSet<long>();
        using var generator = new TorchSharp.torch.Generator(1);
        for (int i = 0; i < 200; i++)
        {
            var (token, _) = TokenSampler.Sample(logits, new GenerationOptions { TopK = 2 }, generator);
            seen.Add(token.item<long>());
        }
        Assert.Equal(new HashSet<long> { 1, 2 }, seen);
        seen.Clear();
        // softmax ≈ [.03, .47, .43, .00, .06]: p = 0.9 needs tokens 1 and 2 (0.47 < 0.9 ≤ 0.90).
        for (int i = 0; i < 300; i++)
        {
            var (token, _) = TokenSampler.Sample(logits, new GenerationOptions { TopP = 0.85 }, generator);
            seen.Add(token.item<long>());
        }
        Assert.Equal(new HashSet<long> { 1, 2 }, seen);
    }

    [Xunit.Fact]
    public void RowsStopAtEndTokensAndLengthIsBounded()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen3, tied: true);
        var free = SequenceGenerator.Generate(model, Prompts, new GenerationOptions { Greedy = true, MaxNewTokens = 10, StopTokenIds = [] });
        // Use the third greedy token of row 0 as the stop token: row 0 must end right there.
        int stopToken = free[0].Tokens[2];
        var stopped = SequenceGenerator.Generate(model, Prompts, new GenerationOptions { Greedy = true, MaxNewTokens = 10, StopTokenIds = [stopToken] });
        int firstStop = Array.IndexOf(free[0].Tokens, stopToken);
        Assert.Equal(free[0].Tokens[..(firstStop + 1)], stopped[0].Tokens);
        Assert.Equal(FinishReason.Stop, stopped[0].Finish);
        for (int r = 1; r < Prompts.Length; r++)
        {
            int i = Array.IndexOf(free[r].Tokens, stopToken);
            Assert.Equal(i < 0 ? free[r].Tokens : free[r].Tokens[..(i + 1)], stopped[r].Tokens);
            Assert.Equal(stopped[r].Tokens.Length, stopped[r].LogProbs.Length);
        }
        Assert.Equal(3, SequenceGenerator.Generate(model, Prompts, new GenerationOptions { MaxNewTokens = 3, StopTokenIds = [] })[1].Tokens.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceGenerator.Generate(model, Prompts, new GenerationOptions { Temperature = 0 }));
        Assert.Throws<ArgumentException>(() => SequenceGenerator.Generate(model, [[]], new GenerationOptions()));
    }
}
