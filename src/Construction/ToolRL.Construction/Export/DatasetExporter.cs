using System.Text.Json;

namespace ToolRL.Construction.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Train">Rows in the train split.</param>
/// <param name="Test">Rows in the test split.</param>
/// <param name="Files">The files written.</param>
public sealed record ExportSummary(long Train, long Test, IReadOnlyList<string> Files);

/// <summary>
/// Writes a stream of tasks as FTRL JSONL and verl parquet, split into train and test, in one pass: memory holds
/// one parquet row group per split, never the whole dataset. Files appear (atomically) when the export completes.
/// Layout: <c>{dir}/train.jsonl</c>, <c>{dir}/test.jsonl</c>, <c>{dir}/train.parquet</c>, <c>{dir}/test.parquet</c>.
/// </summary>
public static class DatasetExporter
{
    /// <summary>Exports <paramref name="items"/> to <paramref name="directory"/>.</summary>
    public static async Task<ExportSummary> ExportAsync(IEnumerable<ExportItem> items, string directory, TrainTestSplit split,
        string? systemPrompt = null, int rowGroupSize = 10_000, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var paths = new[] { "train.jsonl", "test.jsonl", "train.parquet", "test.parquet" }.Select(f => Path.Combine(directory, f)).ToArray();
        using var trainJsonFile = new AtomicFile(paths[0]);
        using var testJsonFile = new AtomicFile(paths[1]);
        await using var trainParquet = new VerlParquetWriter(paths[2], rowGroupSize);
        await using var testParquet = new VerlParquetWriter(paths[3], rowGroupSize);
        long train = 0, test = 0;
        await using (var trainJson = new FileStream(trainJsonFile.TempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        await using (var testJson = new FileStream(testJsonFile.TempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        await using (var json = new Utf8JsonWriter(Stream.Null, ToolRL.Json.WriterOptions))
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = FtrlRecords.Initial(item, systemPrompt);
                var isTest = split.IsTest(item.Task.Question);
                FtrlJsonl.WriteLine(json, isTest ? testJson : trainJson, record, item.ToolsJson);
                var row = VerlRows.From(item, record, isTest ? TrainTestSplit.Test : TrainTestSplit.Train, isTest ? test++ : train++);
                await (isTest ? testParquet : trainParquet).AddAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }
        await trainParquet.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await testParquet.CompleteAsync(cancellationToken).ConfigureAwait(false);
        trainJsonFile.Commit();
        testJsonFile.Commit();
        return new ExportSummary(train, test, paths);
    }
}
