using TorchSharp;
using ToolRL.Trainer.Native;

namespace ToolRL.Trainer.Tests.Native;

// ConfigureThreads changes torch's process-wide thread count; run alone, so no test beside it computes with 1 thread.
[Xunit.Collection(nameof(TorchThreadCount))]
public sealed class TorchDevicesTests
{
    [Xunit.Fact]
    public void CpuIsTheDefaultAndCudaRequestsFailClearlyWithoutAGpu()
    {
        Assert.Equal(DeviceType.CPU, TorchDevices.Parse(null).type);
        Assert.Equal(DeviceType.CPU, TorchDevices.Parse("CPU").type);
        Assert.Equal("cpu", TorchDevices.Resolve("auto", () => false));
        var e = Assert.Throws<DeviceOptionException>(() => TorchDevices.Resolve("cuda", () => false));
        Assert.Contains("ToolRLTorchBackend=cuda-linux", e.Message);
        Assert.Throws<DeviceOptionException>(() => TorchDevices.Resolve("tpu"));
        Assert.Throws<DeviceOptionException>(() => TorchDevices.Resolve("cuda:x", () => true));
    }

    [Xunit.Fact]
    public void CudaSpellingsResolveWhenAvailable()
    {
        Assert.Equal("cuda", TorchDevices.Resolve(" CUDA ", () => true));
        Assert.Equal("cuda:1", TorchDevices.Resolve("cuda:1", () => true));
        Assert.Equal("cuda", TorchDevices.Resolve("auto", () => true));
    }

    [Xunit.Fact]
    public void ConfigureThreadsCanBeCalledRepeatedlyAndCapsAtTheCoreCount()
    {
        TorchDevices.ConfigureThreads(1);
        Assert.Equal(1, torch.get_num_threads());
        TorchDevices.ConfigureThreads();
        Assert.Equal(Environment.ProcessorCount, torch.get_num_threads());
    }
}

/// <summary>Tests that change torch's process-wide settings: run after the parallel ones, one at a time.</summary>
[Xunit.CollectionDefinition(nameof(TorchThreadCount), DisableParallelization = true)]
public sealed class TorchThreadCount;
