namespace ToolRL.Samples.Cli;

/// <summary>Process exit codes of the samples command line.</summary>
public static class ExitCodes
{
    /// <summary>The command ran.</summary>
    public const int Success = 0;

    /// <summary>A scenario failed to load (a task's golden run threw or did not match its call graph).</summary>
    public const int Failed = 1;

    /// <summary>Unknown command or option, missing option value, unknown scenario.</summary>
    public const int BadArguments = 2;
}
