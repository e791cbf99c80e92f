using ToolRL.IO;

namespace ToolRL.Cli;

/// <summary>
/// Which failures are the user's input or environment — a bad or missing file, an unwritable folder, a device
/// this build lacks, an endpoint that fails, bad arguments — and which are bugs. Expected ones print their
/// message alone and exit 2 (<c>--verbose</c> adds the trace); the rest keep their stack trace for a bug report.
/// </summary>
internal static class ExpectedErrors
{
    /// <summary>
    /// The one-line message of an expected error, or null when <paramref name="exception"/> is a bug. Besides the
    /// command line's own, <paramref name="modules"/> name theirs (the Trainer's run-config, device and endpoint errors).
    /// </summary>
    public static string? MessageOf(Exception exception, IReadOnlyList<ICliModule> modules)
    {
        var e = Unwrap(exception);
        return e switch
        {
            CliException or InvalidFileException or InvalidDataException or HttpRequestException or IOException
                or UnauthorizedAccessException or NotSupportedException => e.Message,
            _ when modules.Any(m => m.IsExpectedError(e)) => e.Message,
            _ => null,
        };
    }

    /// <summary>The exit code of an expected error.</summary>
    public static int ExitCodeOf(Exception exception) =>
        Unwrap(exception) is CliException cli ? cli.ExitCode : ExitCodes.BadArguments;

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            e = aggregate.InnerExceptions[0];
        return e;
    }
}
