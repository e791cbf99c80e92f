namespace ToolRL.Samples.Cli;

/// <summary>Process exit codes of the samples command line.</summary>
public static class ExitCodes
{
    /// <summary>The command ran.</summary>
    public const int Success = 0;

    /// <summary>Unknown command or option, missing option value, unknown scenario.</summary>
    public const int BadArguments = 2;
}
