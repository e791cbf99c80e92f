using System.Runtime.InteropServices;
using ToolRL.Trainer.Build;

namespace ToolRL.Trainer.Tests.Native;

/// <summary>The ELF patcher on the real libLibTorchSharp.so from the NuGet cache (read, patched in memory only).</summary>
public sealed class ElfVersionNeedsTests
{
    static string PackagedLibrary()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Xunit.Fact]
    public void PackagedLibraryNeedsGlibcxx3432FromLibStdCxxAndItIsNotWeak()
    {
        var needs = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(PackagedLibrary()));
        var need = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal(0, need.Flags & ElfVersionNeeds.VerFlagWeak);
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.2.5");
    }

    [Xunit.Fact]
    public void MarkWeakSetsOnlyTheWeakBitOfThatEntryAndIsIdempotent()
    {
        byte[] original = File.ReadAllBytes(PackagedLibrary());
        byte[] bytes = (byte[])original.Clone();
        Assert.Equal(WeakPatchResult.Patched, ElfVersionNeeds.MarkWeak(bytes, "GLIBCXX_3.4.32"));
        var patched = ElfVersionNeeds.ReadNeeds(bytes);
        Assert.Equal(ElfVersionNeeds.VerFlagWeak, Assert.Single(patched, n => n.Version == "GLIBCXX_3.4.32").Flags);
        Assert.All(patched.Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.Equal(0, n.Flags & ElfVersionNeeds.VerFlagWeak));
        int differing = original.Zip(bytes).Count(p => p.First != p.Second);
        Assert.Equal(1, differing);
        byte[] again = (byte[])bytes.Clone();
        Assert.Equal(WeakPatchResult.AlreadyWeak, ElfVersionNeeds.MarkWeak(again, "GLIBCXX_3.4.32"));
        Assert.Equal(bytes, again);
        Assert.Equal(WeakPatchResult.NotNeeded, ElfVersionNeeds.MarkWeak(again, "GLIBCXX_9.9.99"));
    }

    [Xunit.Fact]
    public void OutputCopyIsPatchedExactlyWhenTheHostLibStdCxxLacksTheVersion()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(output)) output = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        string host = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.First(File.Exists);
        bool hostHas = ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(host), "GLIBCXX_3.4.32");
        Assert.True(ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(host), "GLIBCXX_3.4.30"));
        var need = Assert.Single(ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(output)), n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal(!hostHas, (need.Flags & ElfVersionNeeds.VerFlagWeak) != 0);
        // The NuGet cache copy is never touched.
        var cached = Assert.Single(ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(PackagedLibrary())), n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal(0, cached.Flags & ElfVersionNeeds.VerFlagWeak);
    }

    [Xunit.Fact]
    public void TruncatedAndNonElfFilesGiveClearErrors()
    {
        byte[] original = File.ReadAllBytes(PackagedLibrary());
        var notElf = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.ReadNeeds(new byte[100]));
        Assert.Contains("magic", notElf.Message);
        var truncated = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.ReadNeeds(original.AsSpan(0, 4096).ToArray()));
        Assert.Contains("Truncated", truncated.Message);
        Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux));
    }
}
