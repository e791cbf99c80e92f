using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Trainer.Analysis;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>analyze</c>: per-layer, per-module relative parameter change between two checkpoints — the paper's
/// finding that tool-use gains come mostly from the lower layers' MLPs.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var before = new Option<string>("--before") { Description = "The checkpoint folder before training.", Required = true };
        var after = new Option<string>("--after") { Description = "The checkpoint folder after training.", Required = true };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for parameter-change.md and parameter-change.png.",
            DefaultValueFactory = _ => "analysis",
        };
        var command = new Command("analyze", "Relative parameter change per layer and module between two checkpoints (table + heat map).")
        {
            before, after, output,
        };
        command.SetAction(parse =>
        {
            foreach (var folder in new[] { parse.GetValue(before)!, parse.GetValue(after)! })
            {
                if (!Directory.Exists(folder))
                    throw new CliException($"checkpoint folder '{folder}' does not exist", ExitCodes.BadArguments);
            }
            var changes = ParameterChangeAnalysis.CompareCheckpoints(parse.GetValue(before)!, parse.GetValue(after)!);
            var directory = Directory.CreateDirectory(parse.GetValue(output)!).FullName;
            var markdown = Path.Combine(directory, "parameter-change.md");
            ParameterChangeAnalysis.WriteReport(changes, markdown, Path.Combine(directory, "parameter-change.png"));
            context.Output.WriteLine(ParameterChangeAnalysis.KindSummary(changes).ToString());
            context.Output.WriteLine($"report: {markdown}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
