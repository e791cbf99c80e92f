using System.Globalization;
using System.Text;
using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// An exclusive lock on a run folder for as long as a training process writes into it: <c>run.lock</c>, held
/// open with <see cref="FileShare.None"/> (an OS lock, released by the OS when the process dies, however it
/// dies) and holding the owner's process id. A second run into the same folder — a rerun while a killed
/// <c>dotnet run</c> left its training process behind — gets an error naming that process instead of writing
/// beside it.
/// </summary>
internal sealed class RunFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the run folder.</summary>
    public const string FileName = "run.lock";

    private readonly FileStream _stream;

    private RunFolderLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock on <paramref name="runDirectory"/> (creating the folder), then removes temporary files that
    /// dead processes left anywhere in it.
    /// </summary>
    /// <exception cref="RunFolderLockedException">Another process holds the folder.</exception>
    public static RunFolderLock Acquire(string runDirectory)
    {
        var directory = System.IO.Path.GetFullPath(runDirectory);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new RunFolderLockedException(directory, ReadOwner(path), e);
        }
        try
        {
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.SetLength(0);
            stream.Write(pid);
            stream.Flush(flushToDisk: true);
            // The owner's id also goes beside the lock: on Linux the held lock keeps other .NET processes from
            // even reading run.lock, so a second run reads the id from here to name the owner.
            File.WriteAllBytes(path + ".pid", pid);
            AtomicFile.RemoveStale(directory, recursive: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunFolderLock(path, stream);
    }

    private static int? ReadOwner(string path)
    {
        foreach (var candidate in new[] { path, path + ".pid" })
        {
            try
            {
                if (int.TryParse(File.ReadAllText(candidate).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    return pid;
            }
            catch (IOException)
            {
                // Locked (the owner holds it) or gone: try the next.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return null;
    }

    /// <summary>Releases the lock (the file stays; its id is stale once released).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path + ".pid"); // before the release, so it never deletes the next owner's
        }
        catch (IOException)
        {
        }
        _stream.Dispose();
    }
}

/// <summary>A run folder is in use by another process.</summary>
public sealed class RunFolderLockedException(string directory, int? ownerPid, Exception? inner = null)
    : IOException(Describe(directory, ownerPid), inner)
{
    /// <summary>The run folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The process holding it, when known.</summary>
    public int? OwnerPid { get; } = ownerPid;

    private static string Describe(string directory, int? pid) =>
        $"The run folder '{directory}' is in use by {(pid is int p ? $"process {p}" : "another process")} " +
        $"(it holds {System.IO.Path.Combine(directory, RunFolderLock.FileName)}). " +
        $"Wait for it to finish or stop it{(pid is int q ? $" (kill {q})" : "")}, or use another output folder.";
}
