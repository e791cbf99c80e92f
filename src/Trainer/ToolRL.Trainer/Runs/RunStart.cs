using TorchSharp;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// The start every training job shares (the embedded default, the base's recipe, the experiment from a base): torch's
/// intra-op threads and global seed, and the run folder made absolute and locked for as long as the job writes into it.
/// </summary>
internal sealed class RunStart : IDisposable
{
    private readonly RunFolderLock _lock;

    private RunStart(string runDirectory, RunFolderLock folderLock) => (RunDirectory, _lock) = (runDirectory, folderLock);

    /// <summary>The run folder, absolute.</summary>
    public string RunDirectory { get; }

    /// <summary>
    /// Sets <paramref name="threads"/> intra-op threads (0: one per core) and seeds torch, then locks
    /// <paramref name="outputDirectory"/> (creating it; see <see cref="RunFolderLock.Acquire"/>).
    /// </summary>
    /// <exception cref="RunFolderLockedException">Another process holds the folder.</exception>
    public static RunStart Begin(int threads, int seed, string outputDirectory)
    {
        torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
        torch.manual_seed(seed);
        string runDirectory = Path.GetFullPath(outputDirectory);
        return new RunStart(runDirectory, RunFolderLock.Acquire(runDirectory));
    }

    /// <summary>Releases the run folder.</summary>
    public void Dispose() => _lock.Dispose();
}
