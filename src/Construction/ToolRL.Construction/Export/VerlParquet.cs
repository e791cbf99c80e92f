using Parquet;
using ToolRL.IO;
using Parquet.Serialization;

namespace ToolRL.Construction.Export;

/// <summary>
/// Streams <see cref="VerlRow"/>s into a parquet file one row group at a time (memory bounded by the row-group
/// size), through a temporary file that replaces the target when the writer is completed.
/// </summary>
public sealed class VerlParquetWriter : IAsyncDisposable
{
    private readonly AtomicFile.PendingFile _file;
    private readonly Stream _stream;
    private readonly List<VerlRow> _pending;
    private readonly int _rowGroupSize;
    private bool _started;

    /// <summary>Opens a writer for <paramref name="path"/>.</summary>
    public VerlParquetWriter(string path, int rowGroupSize = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        _rowGroupSize = rowGroupSize;
        _pending = new List<VerlRow>(rowGroupSize);
        _file = AtomicFile.Create(path, readable: true); // the serializer reads back its footer to append row groups
        _stream = _file.Stream;
    }

    /// <summary>Rows written so far (including buffered ones).</summary>
    public long Count { get; private set; }

    /// <summary>Adds a row; a full row group is written out.</summary>
    public async ValueTask AddAsync(VerlRow row, CancellationToken cancellationToken = default)
    {
        _pending.Add(row);
        Count++;
        if (_pending.Count >= _rowGroupSize)
            await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the last row group and moves the file into place.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (!_started || _pending.Count > 0)
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        await _file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _stream.Seek(0, SeekOrigin.Begin);
        await ParquetSerializer.SerializeAsync(_pending, _stream, new ParquetOptions { Append = _started, RowGroupSize = _rowGroupSize },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        _started = true;
        _pending.Clear();
    }

    /// <summary>Discards an incomplete file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Reads a verl parquet file written by <see cref="VerlParquetWriter"/> (or any file with the same columns).</summary>
public static class VerlParquetReader
{
    /// <summary>All rows of <paramref name="path"/>, one row group in memory at a time.</summary>
    public static async IAsyncEnumerable<VerlRow> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false))
            groups = reader.RowGroupCount;
        for (var g = 0; g < groups; g++)
        {
            stream.Seek(0, SeekOrigin.Begin);
            var result = await ParquetSerializer.DeserializeAsync<VerlRow>(stream, null, g, cancellationToken).ConfigureAwait(false);
            foreach (var row in result.Data)
                yield return row;
        }
    }

    /// <summary>The number of rows in <paramref name="path"/> (from the file metadata).</summary>
    public static async Task<long> CountAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        long total = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            total += group.RowCount;
        }
        return total;
    }
}
