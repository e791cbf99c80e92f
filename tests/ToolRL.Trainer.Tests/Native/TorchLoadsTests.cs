using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Native;

/// <summary>The build-time libLibTorchSharp.so fix lets TorchSharp load and compute on this host.</summary>
public sealed class TorchLoadsTests
{
    [Xunit.Fact]
    public void MatrixProductRunsOnCpu()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }
}
