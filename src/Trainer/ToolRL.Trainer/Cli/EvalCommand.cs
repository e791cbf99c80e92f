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
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Also write the report as Markdown to this file, and the per-task traces as JSONL beside it (FILE without its extension + .traces.jsonl).",
        };
        var traces = new Option<string?>("--traces")
        {
            Description = "Write the per-task traces (messages, tool outputs, rewards, metrics) as JSONL to this file (default: beside --out).",
        };
        var noHermesContent = new Option<bool>("--no-hermes-content")
        {
            Description = "--endpoint: take Hermes <tool_call> text in a reply's content as the final answer instead of parsing it as calls (parsed by default when the reply has no structured tool_calls).",
        };
        var command = new Command("eval", "Evaluate a policy on the scenarios' tasks: Solve-P, Solve-R, Solve-F1.")
        {
            scenario, seed, heldOut, maxTurns, maxNewTokens, output, traces, noHermesContent,
        };
        policy.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var turns = CommonOptions.Positive(parse, maxTurns);
            var newTokens = CommonOptions.Positive(parse, maxNewTokens);
            var tasks = EvaluationTask.All(context.Select(parse.GetValue(scenario)));
            if (parse.GetValue(heldOut))
                tasks = TaskSplit.Create(tasks, TaskSplit.DefaultTrainFraction, parse.GetValue(seed)).HeldOut;
            // Every output is checked before the policy loads and the evaluation runs.
            string? reportPath = parse.GetValue(output);
            OutputChecks.WritableFileFolder(reportPath, "--out");
            OutputChecks.WritableFileFolder(parse.GetValue(traces), "--traces");
            var evaluated = policy.Create(parse, new ChatClientPolicyOptions { ParseHermesContent = !parse.GetValue(noHermesContent) });
            context.OnInterrupt(() => $"during the evaluation; no report was written{(reportPath is null ? "" : $" to {reportPath}")}; run the same command to evaluate again");
            context.Output.WriteLine($"evaluating {tasks.Count} tasks...");
            var episodes = await EpisodeBatchRunner.RunAsync(
                evaluated, PolicySampling.Greedy with { Seed = parse.GetValue(seed), MaxNewTokens = newTokens }, tasks, new EpisodeOptions { MaxTurns = turns }, cancellationToken);
            var markdown = EvaluationReport.FromTraces(episodes).ToMarkdown();
            // Which form an endpoint wrote its calls in: a server without a tool parser answers with Hermes text.
            if (evaluated is ChatClientPolicy chat)
                markdown += Environment.NewLine + chat.CallForms.Describe() + Environment.NewLine;
            context.Output.WriteLine(markdown);
            if (reportPath is not null)
                AtomicFile.WriteAllText(reportPath, markdown);
            if ((parse.GetValue(traces) ?? TracesBeside(reportPath)) is { } tracesPath)
            {
                EpisodeTraceWriter.Write(tracesPath, episodes);
                context.Output.WriteLine($"traces: {tracesPath}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>report.md</c> → <c>report.traces.jsonl</c> in the same folder; null without a report file.</summary>
    internal static string? TracesBeside(string? reportPath) =>
        reportPath is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, Path.GetFileNameWithoutExtension(reportPath) + ".traces.jsonl");
}
