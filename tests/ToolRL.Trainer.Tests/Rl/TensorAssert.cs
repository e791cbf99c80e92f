using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Rl;

internal static class TensorAssert
{
    public static float[] Values(Tensor t) => t.to_type(ScalarType.Float32).cpu().data<float>().ToArray();

    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var values = Values(actual);
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance,
                $"element {i}: expected {expected[i]}, got {values[i]} (all: [{string.Join(", ", values)}])");
    }

    public static void Close(double expected, Tensor scalar, double tolerance = 1e-5) => Close([expected], scalar, tolerance);
}
