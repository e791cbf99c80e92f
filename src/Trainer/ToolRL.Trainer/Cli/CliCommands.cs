using System.CommandLine;

namespace ToolRL.Trainer.Cli;

/// <summary>The list of subcommands, in the order <c>--help</c> shows them.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All(CliContext context)
    {
        yield return Describe.DescribeCommand.Create(context);
        yield return ExportCommand.Create(context);
        yield return SftCommand.Create(context);
        yield return CollectCommand.Create(context);
        yield return TrainCommand.Create(context);
        yield return EvalCommand.Create(context);
        yield return AnalyzeCommand.Create(context);
        yield return ToolRL.Server.ServeCommand.Create(context.Environments, context.Output, context.Error);
    }
}
