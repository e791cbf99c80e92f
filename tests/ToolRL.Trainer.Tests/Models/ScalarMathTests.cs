using ToolRL.Trainer.Models;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Models;

/// <summary>The kept-alive scalar helpers compute what the implicit operators did, and keep integer tensors integer.</summary>
public sealed class ScalarMathTests
{
    [Xunit.Fact]
    public void Integer_overloads_keep_int64_and_float_overloads_match_the_operators()
    {
        using var scope = NewDisposeScope();
        var ints = tensor(new long[] { 0, 1, 5 });
        var positions = ints.Plus(-1L).AtLeast(0L);
        Assert.Equal(ScalarType.Int64, positions.dtype);
        Assert.Equal(new long[] { 0, 0, 4 }, positions.data<long>().ToArray());
        ints.PlusInPlace(2);
        Assert.Equal(new long[] { 2, 3, 7 }, ints.data<long>().ToArray());

        var x = tensor(new float[] { -3f, 0.5f, 2f });
        Assert.Equal(new float[] { -2.5f, 1f, 2.5f }, x.Plus(0.5).data<float>().ToArray());
        Assert.Equal(new float[] { -6f, 1f, 4f }, x.Times(2.0).data<float>().ToArray());
        Assert.Equal(new float[] { -1.5f, 0.25f, 1f }, x.DividedBy(2.0).data<float>().ToArray());
        Assert.Equal(new float[] { -1f, 0.5f, 1f }, x.ClampedTo(-1, 1).data<float>().ToArray());
        Assert.Equal(new float[] { 0f, 0.5f, 2f }, x.AtLeast(0.0).data<float>().ToArray());
        Assert.Equal(new[] { false, true, true }, x.GreaterOrEqual(0.5).data<bool>().ToArray());
        Assert.Equal(new[] { true, false, false }, x.LessThan(0.0).data<bool>().ToArray());
        Assert.Equal(new float[] { float.NegativeInfinity, 0.5f, 2f }, x.FilledWhere(x.LessThan(0.0), double.NegativeInfinity).data<float>().ToArray());
        var exponents = tensor(new float[] { 0f, 0.5f, 1f });
        Assert.Equal((10_000.0f, 100f, 1f), (ScalarMath.PowerOf(10_000, exponents)[2].item<float>(), ScalarMath.PowerOf(10_000, exponents)[1].item<float>(), ScalarMath.PowerOf(10_000, exponents)[0].item<float>()));
    }
}
