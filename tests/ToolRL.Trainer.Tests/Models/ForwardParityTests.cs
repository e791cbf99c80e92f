using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Models;

/// <summary>The TorchSharp forward pass equals the naive loop reference (both families, GQA/MHA, tied/untied).</summary>
public sealed class ForwardParityTests
{
    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2, true, 2)]
    [InlineData(ModelFamily.Qwen2, false, 1)]
    [InlineData(ModelFamily.Qwen3, true, 2)]
    [InlineData(ModelFamily.Qwen3, false, 4)]
    public void LogitsMatchNaiveReference(ModelFamily family, bool tied, int kvHeads)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied, kvHeads);
        var weights = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());
        Assert.Equal(tied, !weights.ContainsKey("lm_head.weight"));
        Assert.Equal(family == ModelFamily.Qwen2, weights.ContainsKey("model.layers.0.self_attn.q_proj.bias"));
        Assert.Equal(family == ModelFamily.Qwen3, weights.ContainsKey("model.layers.1.self_attn.k_norm.weight"));

        int[] tokens = [5, 17, 3, 88, 42, 42, 0, 61, 96, 12];
        var expected = new NaiveQwenReference(model.Config, weights).Logits(tokens);
        using var ids = tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Length]);
        using var logits = model.forward(ids);
        float[] actual = logits.data<float>().ToArray();
        Assert.Equal(tokens.Length * model.Config.VocabSize, actual.Length);
        double maxError = 0, maxMagnitude = 0;
        for (int t = 0; t < tokens.Length; t++)
            for (int v = 0; v < model.Config.VocabSize; v++)
            {
                maxError = Math.Max(maxError, Math.Abs(actual[t * model.Config.VocabSize + v] - expected[t][v]));
                maxMagnitude = Math.Max(maxMagnitude, Math.Abs(expected[t][v]));
            }
        Assert.True(maxMagnitude > 0.5, $"logits too small to be a meaningful check ({maxMagnitude})");
        Assert.True(maxError < 1e-4, $"max |torch − reference| = {maxError}");
    }
}
