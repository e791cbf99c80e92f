namespace ToolRL.Trainer.Cli;

/// <summary>A failure the command line reports as one clear line and an exit code, without a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>Process exit codes of the command line.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>The command ran and failed.</summary>
    public const int Failed = 1;
    /// <summary>The arguments were wrong.</summary>
    public const int BadArguments = 2;
    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
