using TorchSharp;
using static TorchSharp.torch;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// Mean, variance and whitening over the valid positions of a <c>[batch, tokens]</c> tensor, as verl's
/// <c>masked_mean</c>, <c>masked_var</c> and <c>masked_whiten</c> define them (mask: 1 = valid, 0 = padding).
/// </summary>
internal static class MaskedStatistics
{
    /// <summary>verl's whitening epsilon: <c>(x − mean)·rsqrt(var + 1e-8)</c>.</summary>
    public const double WhitenEpsilon = 1e-8;

    /// <summary>Σ(values·mask) / Σmask over the whole tensor.</summary>
    public static Tensor Mean(Tensor values, Tensor mask)
    {
        using var count = mask.sum();
        if (count.item<float>() == 0)
            throw new ArgumentException("The mask has no valid position; a masked mean is undefined.", nameof(mask));
        using var total = (values * mask).sum();
        return total / count;
    }

    /// <summary>
    /// Masked variance; <paramref name="unbiased"/> applies Bessel's correction n/(n−1) with n = Σmask, as verl does
    /// by default. Fewer than two valid positions make the unbiased variance undefined and throw.
    /// </summary>
    public static Tensor Variance(Tensor values, Tensor mask, bool unbiased = true)
    {
        using var scope = NewDisposeScope();
        var mean = Mean(values, mask);
        var centered = values - mean;
        var variance = Mean(centered * centered, mask);
        if (unbiased)
        {
            double n = mask.sum().item<float>();
            if (n < 2)
                throw new ArgumentException(
                    $"Unbiased masked variance needs at least 2 valid positions, got {n}; use a larger batch.", nameof(mask));
            variance = variance.Times(n / (n - 1));
        }
        return variance.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// verl's <c>masked_whiten</c>: <c>(values − mean)·rsqrt(var + 1e-8)</c> with the masked mean and unbiased masked
    /// variance; with <paramref name="shiftMean"/> false the mean is added back. Padding positions are not zeroed here.
    /// </summary>
    public static Tensor Whiten(Tensor values, Tensor mask, bool shiftMean = true)
    {
        using var scope = NewDisposeScope();
        var mean = Mean(values, mask);
        var variance = Variance(values, mask, unbiased: true);
        var whitened = (values - mean) * torch.rsqrt(variance.Plus(WhitenEpsilon));
        if (!shiftMean)
            whitened = whitened + mean;
        return whitened.MoveToOuterDisposeScope();
    }
}
