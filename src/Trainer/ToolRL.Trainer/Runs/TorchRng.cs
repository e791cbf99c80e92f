using static TorchSharp.torch;

namespace ToolRL.Trainer.Runs;

/// <summary>Seeds derived deterministically from (run seed, step, stream), and TorchSharp's RNG state as text.</summary>
internal static class TorchRng
{
    /// <summary>TorchSharp's CPU generator state, base64-encoded.</summary>
    public static string Capture()
    {
        using var state = random.get_rng_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    /// <summary>Restores a state from <see cref="Capture"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a state of this generator (checked first: TorchSharp
    /// aborts the process on a state of the wrong length).</exception>
    public static void Restore(string base64)
    {
        if (Problem(base64) is { } problem)
            throw new ArgumentException($"Not a TorchSharp CPU generator state: {problem}.", nameof(base64));
        var bytes = Convert.FromBase64String(base64);
        using var state = tensor(bytes, dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    /// <summary>The byte length of the CPU generator's state (the same for every state of this TorchSharp build).</summary>
    public static long StateLength => StateLengthLazy.Value;

    private static readonly Lazy<long> StateLengthLazy = new(() =>
    {
        using var state = random.get_rng_state();
        return state.numel();
    });

    /// <summary>Why <paramref name="base64"/> cannot be restored, or null when it can.</summary>
    public static string? Problem(string base64)
    {
        var bytes = new byte[(base64.Length * 3 + 3) / 4];
        if (!Convert.TryFromBase64String(base64, bytes, out int length))
            return "not base64";
        return length == StateLength ? null : $"{length} bytes, but the generator's state is {StateLength}";
    }

    /// <summary>
    /// A seed for one purpose (<paramref name="stream"/>: sampling, shuffling, …) at one step: a SplitMix64 mix of the
    /// three, so a resumed run draws exactly what the uninterrupted run would have, without serializing generators.
    /// </summary>
    public static int StepSeed(int runSeed, int step, int stream)
    {
        var z = (ulong)(uint)runSeed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)step << 20 ^ (ulong)(uint)stream << 44;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
