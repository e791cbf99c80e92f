using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// Rotary position embedding (HF's "rotate_half" layout): for position p and pair index i,
/// angle = p · θ^(−2i/d); the first and second halves of each head are the rotated pairs.
/// </summary>
internal static class RotaryEmbedding
{
    /// <summary>cos and sin of shape [B, T, headDim] (fp32 math, returned in <paramref name="dtype"/>).</summary>
    public static (Tensor Cos, Tensor Sin) CosSin(Tensor positions, int headDim, double theta, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var exponents = ScalarMath.Range(0, headDim, 2, ScalarType.Int64, positions.device).to(ScalarType.Float32).DividedBy(headDim);
        var invFreq = ScalarMath.PowerOf(theta, exponents).reciprocal();                      // [d/2]
        var angles = positions.to(ScalarType.Float32).unsqueeze(-1) * invFreq;      // [B, T, d/2]
        var emb = torch.cat([angles, angles], -1);                                   // [B, T, d]
        var cos = emb.cos().to(dtype).MoveToOuterDisposeScope();
        var sin = emb.sin().to(dtype).MoveToOuterDisposeScope();
        return (cos, sin);
    }

    /// <summary>Applies the rotation to x [B, heads, T, d] with cos/sin [B, T, d].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = torch.cat([-x2, x1], -1);
        return (x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1)).MoveToOuterDisposeScope();
    }
}
