using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Models;

/// <summary>Left padding with per-row positions and incremental KV-cache decoding leave logits unchanged.</summary>
public sealed class PaddingAndCacheTests
{
    static float[] Row(Tensor logits, long row, long position) => logits[row, position].data<float>().ToArray();

    static void AssertClose(float[] expected, float[] actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(max < tolerance, $"max difference {max}");
    }

    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    public void LeftPaddedBatchEqualsUnpaddedRows(ModelFamily family)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied: false);
        long[] a = [4, 9, 23, 7, 1], b = [30, 2];
        using var ids = tensor(new long[] { 4, 9, 23, 7, 1, 0, 0, 0, 30, 2 }, [2, 5]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 1, 0, 0, 0, 1, 1 }, [2, 5]);
        using var positions = tensor(new long[] { 0, 1, 2, 3, 4, 0, 0, 0, 0, 1 }, [2, 5]);
        using var batched = model.forward(ids, positions, mask);
        using var alone = model.forward(tensor(a, [1, 5]));
        using var aloneB = model.forward(tensor(b, [1, 2]));
        for (int t = 0; t < 5; t++) AssertClose(Row(alone, 0, t), Row(batched, 0, t));
        AssertClose(Row(aloneB, 0, 0), Row(batched, 1, 3));
        AssertClose(Row(aloneB, 0, 1), Row(batched, 1, 4));
        Assert.False(batched.isnan().any().item<bool>());
    }

    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    public void IncrementalDecodingWithCacheEqualsFullForward(ModelFamily family)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied: true);
        long[] tokens = [11, 5, 60, 2, 33, 8, 19];
        using var full = model.forward(tensor(tokens, [1, tokens.Length]));
        using var cache = new KvCache(model.Config, 1, tokens.Length, CPU, ScalarType.Float32);
        using var noGrad = no_grad();
        // Prefill 4 tokens, then one at a time.
        using var prefill = model.forward(tensor(tokens[..4], [1, 4]), arange(4L).unsqueeze(0), null, cache);
        for (int t = 0; t < 4; t++) AssertClose(Row(full, 0, t), Row(prefill, 0, t));
        for (int t = 4; t < tokens.Length; t++)
        {
            using var step = model.forward(tensor([tokens[t]], [1, 1]), tensor(new long[] { t }, [1, 1]), ones(1, t + 1, dtype: ScalarType.Int64), cache);
            AssertClose(Row(full, 0, t), Row(step, 0, 0));
        }
        Assert.Equal(tokens.Length, cache.Length);
        var overflow = Assert.Throws<InvalidOperationException>(() => model.forward(tensor(new long[] { 1 }, [1, 1]), tensor(new long[] { 7 }, [1, 1]), ones(1, 8, dtype: ScalarType.Int64), cache));
        Assert.Contains("capacity", overflow.Message);
    }
}
