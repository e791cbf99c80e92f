using static TorchSharp.torch;

namespace ToolRL.Trainer.Runs;

/// <summary>Seeds derived deterministically from (run seed, step, stream), and TorchSharp's RNG state as text.</summary>
public static class TorchRng
{
    /// <summary>TorchSharp's CPU generator state, base64-encoded.</summary>
    public static string Capture()
    {
        using var state = random.get_rng_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    /// <summary>Restores a state from <see cref="Capture"/>.</summary>
    public static void Restore(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        using var state = tensor(bytes, dtype: ScalarType.Byte);
        random.set_rng_state(state);
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
