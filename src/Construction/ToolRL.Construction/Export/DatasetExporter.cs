using System.Text.Json;
using ToolRL.Tasks;
using ToolRL.IO;

namespace ToolRL.Construction.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Train">Rows in the train split.</param>
/// <param name="Test">Rows in the test split.</param>
/// <param name="Files">The files written.</param>
public sealed record ExportSummary(long Train, long Test, IReadOnlyList<string> Files);

/// <summary>
/// Writes a stream of tasks as FTRL JSONL and verl parquet, split into train and test, in one pass: memory holds
/// one parquet row group per split, never the whole dataset.
/// Layout: <c>{dir}/train.jsonl</c>, <c>{dir}/test.jsonl</c>, <c>{dir}/train.parquet</c>, <c>{dir}/test.parquet</c>.
/// </summary>
/// <remarks>
/// An export is committed as one unit, by a folder swap: the four files are written into a hidden sibling folder
/// (<c>.{dir}.tmp-PID-…</c>), which then replaces <c>{dir}</c>. So the folder always holds the four files of one
/// export, never train files of one run beside test files of another (a train/test leak). A kill during the
/// swap can leave <c>{dir}</c> absent, never mixed; the next export removes what a dead process left.
/// Because the folder is replaced as a whole, it must hold nothing but an export's files.
/// </remarks>
public static class DatasetExporter
{
    /// <summary>The files of an export, in the order of <see cref="ExportSummary.Files"/>.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["train.jsonl", "test.jsonl", "train.parquet", "test.parquet"];

    /// <summary>Exports <paramref name="items"/> to <paramref name="directory"/>, replacing an earlier export there; the
    /// held-out side of <paramref name="split"/> is the test split.</summary>
    /// <exception cref="IOException"><paramref name="directory"/> holds files that are not an export's.</exception>
    public static async Task<ExportSummary> ExportAsync(IEnumerable<ExportItem> items, string directory, TaskSplit split,
        string? systemPrompt = null, int rowGroupSize = 10_000, CancellationToken cancellationToken = default)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"Cannot export into the root folder '{target}'.");
        var hidden = "." + Path.GetFileName(target);
        CheckHoldsOnlyAnExport(target);
        Directory.CreateDirectory(parent);
        AtomicFile.RemoveStale(parent, prefix: hidden);
        var stage = AtomicFile.TemporaryPathFor(Path.Combine(parent, hidden));
        Directory.CreateDirectory(stage);
        try
        {
            var (train, test) = await WriteAsync(items, stage, split, systemPrompt, rowGroupSize, cancellationToken).ConfigureAwait(false);
            Swap(stage, target, Path.Combine(parent, hidden + ".old"));
            return new ExportSummary(train, test, FileNames.Select(f => Path.Combine(target, f)).ToArray());
        }
        finally
        {
            if (Directory.Exists(stage))
                Directory.Delete(stage, recursive: true);
        }
    }

    private static async Task<(long Train, long Test)> WriteAsync(IEnumerable<ExportItem> items, string folder, TaskSplit split,
        string? systemPrompt, int rowGroupSize, CancellationToken cancellationToken)
    {
        var paths = FileNames.Select(f => Path.Combine(folder, f)).ToArray();
        await using var trainParquet = new VerlParquetWriter(paths[2], rowGroupSize);
        await using var testParquet = new VerlParquetWriter(paths[3], rowGroupSize);
        long train = 0, test = 0;
        await using (var trainJson = new FileStream(paths[0], FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        await using (var testJson = new FileStream(paths[1], FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        await using (var json = new Utf8JsonWriter(Stream.Null, ToolRL.Json.WriterOptions))
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = FtrlRecords.Initial(item, systemPrompt);
                var isTest = split.IsHeldOut(item.Task.Question);
                FtrlJsonl.WriteLine(json, isTest ? testJson : trainJson, record, item.ToolsJson);
                var row = VerlRows.From(item, record, isTest ? "test" : "train", isTest ? test++ : train++);
                await (isTest ? testParquet : trainParquet).AddAsync(row, cancellationToken).ConfigureAwait(false);
            }
            trainJson.Flush(flushToDisk: true);
            testJson.Flush(flushToDisk: true);
        }
        await trainParquet.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await testParquet.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return (train, test);
    }

    /// <summary>Puts the complete <paramref name="stage"/> folder in the place of <paramref name="target"/>.</summary>
    private static void Swap(string stage, string target, string oldBase)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(stage, target);
            return;
        }
        var old = AtomicFile.TemporaryPathFor(oldBase);
        Directory.Move(target, old);
        Directory.Move(stage, target);
        Directory.Delete(old, recursive: true);
    }

    private static void CheckHoldsOnlyAnExport(string target)
    {
        if (!Directory.Exists(target))
            return;
        var foreign = Directory.EnumerateFileSystemEntries(target)
            .Select(Path.GetFileName)
            .FirstOrDefault(name => !FileNames.Contains(name) && !name!.Contains(".tmp-", StringComparison.Ordinal));
        if (foreign is not null)
            throw new IOException(
                $"'{target}' holds '{foreign}', which an export did not write. An export replaces its folder as a whole; give it a folder of its own.");
    }
}
