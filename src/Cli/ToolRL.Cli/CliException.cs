namespace ToolRL.Cli;

/// <summary>A failure the command line reports as one clear line and an exit code, without a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.BadArguments) : Exception(message)
{
    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>Process exit codes of the command line.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug): reported with its stack trace.</summary>
    public const int Failed = 1;
    /// <summary>An expected error: bad arguments, or input the command cannot use (a malformed file, an unwritable
    /// folder, a device this build lacks, a failing endpoint). Reported as its message alone.</summary>
    public const int BadArguments = 2;
    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
