using ToolRL.IO;
using System.CommandLine;
using ToolRL.Episodes;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>eval</c>: runs every task (or the held-out split) as an episode with a checkpoint or an API model and reports
/// the paper's Solve-P / Solve-R / Solve-F1 (×100), overall and per structure.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var seed = CommonOptions.Seed();
        var policy = new PolicyOptions();
        var heldOut = new Option<bool>("--held-out")
        {
            Description = "Evaluate only the held-out split (the same seeded split `train` uses), not every task.",
        };
        var maxTurns = CommonOptions.MaxTurns();
        var maxNewTokens = CommonOptions.MaxNewTokens();
        var output = new Option<string?>("--out", "-o") { Description = "Also write the report as Markdown to this file." };
        var command = new Command("eval", "Evaluate a policy on the scenarios' tasks: Solve-P, Solve-R, Solve-F1.")
        {
            scenario, seed, heldOut, maxTurns, maxNewTokens, output,
        };
        policy.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var turns = CommonOptions.Positive(parse, maxTurns);
            var newTokens = CommonOptions.Positive(parse, maxNewTokens);
            var tasks = EvaluationTask.All(context.Select(parse.GetValue(scenario)));
            if (parse.GetValue(heldOut))
                tasks = TaskSplit.Create(tasks, TaskSplit.DefaultTrainFraction, parse.GetValue(seed)).HeldOut;
            context.Output.WriteLine($"evaluating {tasks.Count} tasks...");
            var report = await Evaluator.EvaluateAsync(
                policy.Create(parse), PolicySampling.Greedy with { Seed = parse.GetValue(seed), MaxNewTokens = newTokens }, tasks, new EpisodeOptions { MaxTurns = turns }, cancellationToken);
            var markdown = report.ToMarkdown();
            context.Output.WriteLine(markdown);
            if (parse.GetValue(output) is { } path)
                AtomicFile.WriteAllText(path, markdown);
            return ExitCodes.Ok;
        });
        return command;
    }
}
