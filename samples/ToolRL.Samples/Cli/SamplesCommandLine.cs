using ToolRL.Samples.Catalog;
using ToolRL.Samples.Describe;

namespace ToolRL.Samples.Cli;

/// <summary>
/// The samples' command line: <c>describe [--scenario NAME] [--markdown]</c> (also what runs with no
/// arguments) and <c>--help</c>. Bad arguments get a message on the error writer and exit code 2.
/// </summary>
public static class SamplesCommandLine
{
    /// <summary>The help text.</summary>
    public const string Help =
        """
        ToolRL samples: the tool-use environments that ship with ToolRL.Sdk.

        Usage:
          dotnet run --project samples/ToolRL.Samples -- describe [--scenario NAME] [--markdown]
          dotnet run --project samples/ToolRL.Samples -- --help

        Commands:
          describe          Print each scenario's tools with their JSON schemas, its task counts by
                            structure and an example question per structure. The default command.

        Options of describe:
          --scenario NAME   Only the scenario NAME (see the list below).
          --markdown        Print each scenario's generated Markdown page instead of the tool list.
          -h, --help        Show this help.

        Exit codes: 0 success, 1 a scenario failed to load, 2 bad arguments.
        """;

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static int Run(string[] args, IReadOnlyList<SampleScenario> scenarios, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
            return DescribeCommand.Run(new DescribeOptions(), scenarios, output, error);
        if (IsHelp(args[0]))
            return WriteHelp(scenarios, output);
        if (args[0] != "describe")
            return Fail(error, args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command '{args[0]}'");

        string? scenario = null;
        var markdown = false;
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (IsHelp(arg))
                return WriteHelp(scenarios, output);
            if (arg == "--markdown")
            {
                markdown = true;
            }
            else if (arg == "--scenario" || arg.StartsWith("--scenario=", StringComparison.Ordinal))
            {
                if (scenario is not null)
                    return Fail(error, "--scenario is given more than once");
                var value = arg == "--scenario" ? (i + 1 < args.Length ? args[++i] : null) : arg["--scenario=".Length..];
                if (string.IsNullOrWhiteSpace(value) || value.StartsWith('-'))
                    return Fail(error, "--scenario needs a scenario name");
                scenario = value;
            }
            else
            {
                return Fail(error, arg.StartsWith('-') ? $"unknown option '{arg}'" : $"unexpected argument '{arg}'");
            }
        }
        return DescribeCommand.Run(new DescribeOptions(scenario, markdown), scenarios, output, error);
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help" or "help";

    private static int WriteHelp(IReadOnlyList<SampleScenario> scenarios, TextWriter output)
    {
        output.WriteLine(Help);
        output.WriteLine();
        output.WriteLine($"Scenarios: {(scenarios.Count == 0 ? "(none)" : string.Join(", ", scenarios.Select(s => s.Name)))}");
        return ExitCodes.Success;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}. Run with --help for usage.");
        return ExitCodes.BadArguments;
    }
}
