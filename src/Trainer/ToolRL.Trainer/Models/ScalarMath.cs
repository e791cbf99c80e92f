using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// Tensor-with-number arithmetic that keeps the native <see cref="Scalar"/> alive for the whole call. TorchSharp's
/// implicit conversions (<c>t + 1</c>, <c>t.clamp(0, 1)</c>) create a finalizable Scalar that neither a dispose scope
/// nor the call itself holds, so a garbage collection during the native call can free it mid-use: the run then dies
/// with "Unknown scalar type" (seen once in a training run on a loaded machine). Hot paths use these instead.
/// The <see cref="long"/> overloads keep integer tensors integer; the <see cref="double"/> ones are for float tensors.
/// </summary>
internal static class ScalarMath
{
    /// <summary>t + v.</summary>
    public static Tensor Plus(this Tensor t, double v) { using var s = v.ToScalar(); return t.add(s); }

    /// <summary>t + v (integer scalar).</summary>
    public static Tensor Plus(this Tensor t, long v) { using var s = v.ToScalar(); return t.add(s); }

    /// <summary>t += v in place (integer scalar).</summary>
    public static Tensor PlusInPlace(this Tensor t, long v) { using var s = v.ToScalar(); return t.add_(s); }

    /// <summary>t += v in place.</summary>
    public static Tensor PlusInPlace(this Tensor t, double v) { using var s = v.ToScalar(); return t.add_(s); }

    /// <summary>t · v.</summary>
    public static Tensor Times(this Tensor t, double v) { using var s = v.ToScalar(); return t.mul(s); }

    /// <summary>t / v.</summary>
    public static Tensor DividedBy(this Tensor t, double v) { using var s = v.ToScalar(); return t.div(s); }

    /// <summary>v ^ t, element-wise, computed in t's dtype (as PyTorch's <c>base ** tensor</c>).</summary>
    public static Tensor PowerOf(double v, Tensor t)
    {
        using var b = torch.tensor(v, t.dtype, t.device);
        return torch.pow(b, t);
    }

    /// <summary>[0, 1, …, stop − 1] as a tensor of <paramref name="type"/> (<c>torch.arange(stop)</c>).</summary>
    public static Tensor Range(long stop, ScalarType type, Device device)
    {
        using var end = stop.ToScalar();
        return torch.arange(end, type, device);
    }

    /// <summary>[start, start + step, …) below <paramref name="stop"/> (<c>torch.arange(start, stop, step)</c>).</summary>
    public static Tensor Range(long start, long stop, long step, ScalarType type, Device device)
    {
        using var first = start.ToScalar();
        using var end = stop.ToScalar();
        using var by = step.ToScalar();
        return torch.arange(first, end, by, type, device);
    }

    /// <summary>t clamped to [low, high].</summary>
    public static Tensor ClampedTo(this Tensor t, double low, double high)
    {
        using var lo = low.ToScalar();
        using var hi = high.ToScalar();
        return t.clamp(lo, hi);
    }

    /// <summary>max(t, v).</summary>
    public static Tensor AtLeast(this Tensor t, double v) { using var s = v.ToScalar(); return t.clamp_min(s); }

    /// <summary>max(t, v) (integer scalar).</summary>
    public static Tensor AtLeast(this Tensor t, long v) { using var s = v.ToScalar(); return t.clamp_min(s); }

    /// <summary>t ≥ v.</summary>
    public static Tensor GreaterOrEqual(this Tensor t, double v) { using var s = v.ToScalar(); return t.ge(s); }

    /// <summary>t &lt; v.</summary>
    public static Tensor LessThan(this Tensor t, double v) { using var s = v.ToScalar(); return t.lt(s); }

    /// <summary>t with v where <paramref name="mask"/> is true.</summary>
    public static Tensor FilledWhere(this Tensor t, Tensor mask, double v) { using var s = v.ToScalar(); return t.masked_fill(mask, s); }
}
