using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Native;

/// <summary>
/// Device selection for <c>--device</c>: "cpu" (default), "cuda", "cuda:N", "auto" (CUDA when available).
/// CUDA needs the TorchSharp CUDA backend, chosen at build time with
/// <c>-p:ToolRLTorchBackend=cuda-linux</c> (or <c>cuda-windows</c>); the default backend is CPU-only.
/// </summary>
internal static class TorchDevices
{
    /// <summary>Parses the option into a torch device, failing clearly when CUDA is asked for but unavailable.</summary>
    public static Device Parse(string? option) => torch.device(Resolve(option));

    /// <summary>
    /// The canonical device string ("cpu", "cuda", "cuda:N") for the option; <paramref name="cudaAvailable"/>
    /// defaults to <c>torch.cuda.is_available</c>. Creating no device keeps this testable without a GPU.
    /// </summary>
    public static string Resolve(string? option, Func<bool>? cudaAvailable = null)
    {
        string value = (option ?? "cpu").Trim().ToLowerInvariant();
        bool HasCuda() => (cudaAvailable ?? torch.cuda.is_available)();
        if (value is "" or "cpu") return "cpu";
        if (value == "auto") return HasCuda() ? "cuda" : "cpu";
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (value != "cuda" && (!int.TryParse(value.AsSpan(5), out int index) || index < 0))
                throw new DeviceOptionException($"--device {option}: expected cuda:N with a GPU index N.");
            if (!HasCuda())
                throw new DeviceOptionException(
                    $"--device {option}: CUDA is not available. Build with -p:ToolRLTorchBackend=cuda-linux (or cuda-windows) on a machine with an NVIDIA GPU and driver, or use --device cpu.");
            return value;
        }
        throw new DeviceOptionException($"--device {option}: unknown device; use cpu, cuda, cuda:N or auto.");
    }

    /// <summary>
    /// Sets torch's intra-op threads to the machine's cores (at most <paramref name="maxThreads"/>): on a
    /// 2-core machine, 2 threads; more would oversubscribe. Safe to call repeatedly. Inter-op threads are
    /// left alone: libtorch aborts the process (not a catchable error) if they are set twice.
    /// </summary>
    public static void ConfigureThreads(int? maxThreads = null)
    {
        int threads = Math.Max(1, Math.Min(Environment.ProcessorCount, maxThreads ?? int.MaxValue));
        torch.set_num_threads(threads);
    }
}

/// <summary>A <c>--device</c> value that is malformed or names a device this build or machine does not have.</summary>
internal sealed class DeviceOptionException(string message) : ArgumentException(message);
