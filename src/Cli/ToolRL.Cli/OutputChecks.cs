namespace ToolRL.Cli;

/// <summary>
/// Checks that an output location can be written, before a command starts work, so a mistyped or read-only
/// <c>--out</c> fails at once and not after an evaluation or a training run.
/// </summary>
public static class OutputChecks
{
    /// <summary>Creates <paramref name="folder"/> if needed and proves it writable; a usage error naming <paramref name="option"/> otherwise.</summary>
    public static void WritableFolder(string folder, string option)
    {
        if (Problem(Path.GetFullPath(folder)) is { } problem)
            throw new CliException($"{option} '{folder}': cannot write there ({problem})", ExitCodes.BadArguments);
    }

    /// <summary><see cref="WritableFolder"/> for the folder of the file <paramref name="file"/>; null passes.</summary>
    public static void WritableFileFolder(string? file, string option)
    {
        if (file is null)
            return;
        if (Directory.Exists(file))
            throw new CliException($"{option} '{file}' is a folder; give a file name", ExitCodes.BadArguments);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (Problem(folder) is { } problem)
            throw new CliException($"{option} '{file}': cannot write to its folder {folder} ({problem})", ExitCodes.BadArguments);
    }

    private static string? Problem(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".toolrl-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
