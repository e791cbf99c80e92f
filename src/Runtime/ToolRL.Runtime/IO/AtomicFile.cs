using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ToolRL.IO;

/// <summary>
/// Whole-file writes that happen completely or not at all: a temporary sibling file
/// (<c>NAME.tmp-PID-GUID</c>) is filled, flushed to disk and renamed over the target, so a reader never sees a
/// half-written file and a crash loses nothing old. The one implementation the SDK uses for every file it writes.
/// </summary>
/// <remarks>
/// A kill between filling and renaming leaves the temporary file; its name carries the writer's process id, so
/// <see cref="RemoveStale"/> (called when a command starts writing into a folder) deletes those of processes
/// that are gone and leaves those of a writer still running.
/// </remarks>
public static class AtomicFile
{
    private const string Marker = ".tmp-";
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Lets <paramref name="write"/> fill a temporary file, flushes it to disk, then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, s => s.Write(Utf8NoBom.GetBytes(text)));

    /// <summary>
    /// The streaming form: opens a temporary file for <paramref name="path"/> that the caller writes at its own
    /// pace (asynchronously, seeking, over minutes), then <see cref="PendingFile.Commit"/>s; disposing without a
    /// commit deletes it and leaves the target as it was.
    /// </summary>
    public static PendingFile Create(string path, bool readable = false) => new(Path.GetFullPath(path), readable);

    /// <summary>The temporary name this process uses for <paramref name="path"/> (a fresh one per call).</summary>
    public static string TemporaryPathFor(string path) =>
        $"{path}{Marker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";

    /// <summary>
    /// Deletes temporary files and folders (<c>*.tmp-PID-…</c>, names starting with <paramref name="prefix"/> when
    /// given) in <paramref name="directory"/>, and below it when <paramref name="recursive"/>, whose writing process
    /// is gone; returns how many.
    /// </summary>
    public static int RemoveStale(string directory, bool recursive = false, string? prefix = null)
    {
        if (!Directory.Exists(directory))
            return 0;
        var removed = 0;
        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, (prefix ?? "") + "*" + Marker + "*", option).ToList())
        {
            if (!IsStale(Path.GetFileName(entry)))
                continue;
            try
            {
                if (Directory.Exists(entry))
                    Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
                removed++;
            }
            catch (IOException)
            {
                // Gone already, or in use after all: leave it for the next start.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }

    /// <summary>True for a temporary name (<c>….tmp-PID-…</c>) whose process is no longer running.</summary>
    public static bool IsStale(string name)
    {
        var at = name.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
            return false;
        var rest = name.AsSpan(at + Marker.Length);
        var dash = rest.IndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return false;
        return !IsRunning(pid);
    }

    /// <summary>True when a process with that id exists (this one included).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A temporary file on its way to replacing its target.</summary>
    public sealed class PendingFile : IDisposable, IAsyncDisposable
    {
        private readonly FileStream _stream;
        private bool _committed;

        internal PendingFile(string path, bool readable)
        {
            TargetPath = path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            TemporaryPath = TemporaryPathFor(path);
            _stream = new FileStream(TemporaryPath, FileMode.CreateNew, readable ? FileAccess.ReadWrite : FileAccess.Write,
                FileShare.None, 1 << 16);
        }

        /// <summary>The file it will replace.</summary>
        public string TargetPath { get; }

        /// <summary>Where the bytes go until the commit.</summary>
        public string TemporaryPath { get; }

        /// <summary>The temporary file's stream.</summary>
        public Stream Stream => _stream;

        /// <summary>Flushes the bytes to disk, closes the file and renames it over the target.</summary>
        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(TemporaryPath, TargetPath, overwrite: true);
            _committed = true;
        }

        /// <summary>Flushes asynchronously, then commits.</summary>
        public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            Commit();
        }

        /// <summary>Deletes the temporary file unless it was committed.</summary>
        public void Dispose()
        {
            if (_committed)
                return;
            _stream.Dispose();
            try
            {
                File.Delete(TemporaryPath);
            }
            catch (IOException)
            {
                // Left for RemoveStale.
            }
        }

        /// <inheritdoc cref="Dispose"/>
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
