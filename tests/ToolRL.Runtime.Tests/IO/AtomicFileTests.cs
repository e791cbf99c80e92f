using ToolRL.IO;

namespace ToolRL.Runtime.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private const int DeadPid = 99_999_999; // above Linux's pid_max: never a running process
    private readonly string _dir = Directory.CreateTempSubdirectory("toolrl-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "a.txt");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte((byte)'n');
            throw new InvalidOperationException("killed");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task The_streaming_form_replaces_the_target_only_on_commit()
    {
        var path = Path.Combine(_dir, "b.bin");
        AtomicFile.WriteAllText(path, "old");
        await using (var file = AtomicFile.Create(path, readable: true))
        {
            await file.Stream.WriteAsync("new"u8.ToArray());
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Contains($".tmp-{Environment.ProcessId}-", file.TemporaryPath);
            await file.CommitAsync();
        }
        Assert.Equal("new", File.ReadAllText(path));
        await using (var abandoned = AtomicFile.Create(path))
            await abandoned.Stream.WriteAsync("lost"u8.ToArray());
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void RemoveStale_deletes_what_dead_processes_left_and_nothing_else()
    {
        string[] stale = [$"model.safetensors.tmp-{DeadPid}-0123abcd", $"train.parquet.tmp-{DeadPid}-ff"];
        string[] kept = [$"config.json.tmp-{Environment.ProcessId}-0123abcd", "notes.tmp-txt", "model.safetensors", "x.tmp-12ab-cd"];
        foreach (var name in stale.Concat(kept))
            File.WriteAllText(Path.Combine(_dir, name), "x");
        Directory.CreateDirectory(Path.Combine(_dir, $".export.tmp-{DeadPid}-00"));

        Assert.Equal(3, AtomicFile.RemoveStale(_dir));
        Assert.Equal(kept.Order(), Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order());
    }
}
