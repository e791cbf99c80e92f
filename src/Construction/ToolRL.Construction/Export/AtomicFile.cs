namespace ToolRL.Construction.Export;

/// <summary>Writes a file through a temporary sibling that replaces the target only when complete, so a killed export never leaves a half file.</summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _path;
    private bool _committed;

    public AtomicFile(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        TempPath = _path + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
    }

    public string TempPath { get; }

    public void Commit()
    {
        File.Move(TempPath, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && File.Exists(TempPath))
            File.Delete(TempPath);
    }
}
