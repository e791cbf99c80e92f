using System.Text;
using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// Appends <see cref="StepMetrics"/> to a JSONL file, one line per record, flushed to disk after each line so a
/// killed run loses at most the line being written. Reading tolerates such a torn last line.
/// </summary>
internal sealed class MetricsLog : IDisposable
{
    private readonly FileStream _stream;

    /// <summary>Opens <paramref name="path"/> for appending (created when missing).</summary>
    public MetricsLog(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        DropTornLine(Path);
        // Count before opening for append: Windows refuses a reader while this writer is open.
        Count = Read(Path).Count;
        _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Records in the file.</summary>
    public int Count { get; private set; }

    /// <summary>Writes one record and flushes it to disk.</summary>
    public void Append(StepMetrics metrics)
    {
        var bytes = Encoding.UTF8.GetBytes(metrics.ToJsonLine() + "\n");
        _stream.Write(bytes);
        _stream.Flush(flushToDisk: true);
        Count++;
    }

    /// <summary>
    /// Every complete record of a file, in order. A last line without its newline (a write cut short) is ignored;
    /// a bad line elsewhere throws naming its line number.
    /// </summary>
    public static IReadOnlyList<StepMetrics> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var records = new List<StepMetrics>();
        // The final element is "" after a trailing newline, or the torn tail otherwise: skip it either way.
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].Length == 0)
                continue;
            try
            {
                records.Add(StepMetrics.Parse(lines[i]));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: not a metrics record ({e.Message}).", e);
            }
        }
        return records;
    }

    /// <summary>
    /// Keeps the first <paramref name="records"/> records and drops the rest (atomically): a resumed run calls this
    /// with the count saved in its checkpoint, so the steps it redoes are not logged twice.
    /// </summary>
    public static void TruncateTo(string path, int records)
    {
        var all = Read(path);
        if (records > all.Count)
            throw new InvalidDataException(
                $"{path} holds {all.Count} metric records but the checkpoint expects {records}; the file was lost or edited.");
        AtomicFile.WriteAllText(path, string.Concat(all.Take(records).Select(r => r.ToJsonLine() + "\n")));
    }

    private static void DropTornLine(string path)
    {
        if (!File.Exists(path))
            return;
        var text = File.ReadAllText(path);
        if (text.Length > 0 && !text.EndsWith('\n'))
            AtomicFile.WriteAllText(path, text[..(text.LastIndexOf('\n') + 1)]);
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
