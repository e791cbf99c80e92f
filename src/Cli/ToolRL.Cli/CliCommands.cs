using System.CommandLine;

namespace ToolRL.Cli;

/// <summary>The built-in subcommands, in the order <c>--help</c> shows them (modules' commands follow).</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return Describe.DescribeCommand.Create(context);
        yield return ExportCommand.Create(context);
        yield return ToolRL.Server.ServeCommand.Create(context.Environments, context.Output, context.Error);
    }
}
