using System.CommandLine;

namespace ToolRL.Cli;

/// <summary>The built-in subcommands, in the order <c>--help</c> shows them (modules' commands follow).</summary>
internal static class CliCommands
{
    /// <summary>
    /// The built-in commands; <c>serve</c> takes the served-model options of the first module that has them (the
    /// Trainer's <c>--model DIR</c>), so <c>serve</c> stays one command whether or not the project trains.
    /// </summary>
    public static IEnumerable<Command> All(CliContext context, IReadOnlyList<ICliModule> modules)
    {
        yield return Describe.DescribeCommand.Create(context);
        yield return ExportCommand.Create(context);
        yield return ToolRL.Server.ServeCommand.Create(context.Environments, context.Output, context.Error,
            modules.OfType<ToolRL.Server.Chat.IServedModelOptions>().FirstOrDefault());
    }
}
