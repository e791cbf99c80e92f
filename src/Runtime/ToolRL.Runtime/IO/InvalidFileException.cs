namespace ToolRL.IO;

/// <summary>
/// A file the SDK reads is malformed: the message names the file and, where there is one, the field
/// (<c>'run/config.json': field 'hidden_size': must be an integer, got 32.5</c>). Command lines report it as
/// one line and exit code 2; nothing was written or changed because of the bad file.
/// </summary>
public sealed class InvalidFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> and <paramref name="field"/> (null when the
    /// problem is the file as a whole, e.g. truncated).</summary>
    public InvalidFileException(string path, string? field, string problem, Exception? inner = null)
        : base(Format(path, field, problem), inner)
    {
        FilePath = path;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The field (a JSON property path, a tensor name, a header part), or null for the whole file.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the file and field.</summary>
    public string Problem { get; }

    private static string Format(string path, string? field, string problem) =>
        field is null ? $"Invalid file '{path}': {problem.TrimEnd('.')}." : $"Invalid file '{path}', field '{field}': {problem.TrimEnd('.')}.";
}
