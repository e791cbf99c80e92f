using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Episodes;
using ToolRL.IO;
using ToolRL.Tasks;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;

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
            Description = "Evaluate only the held-out split (the split rule every command uses: a seeded hash of each question), not every task.",
        };
        var run = new Option<string?>("--run")
        {
            Description = "A run folder of `train` (or an `sft` output): evaluate exactly the held-out tasks its split.json lists.",
        };
        var maxTurns = CommonOptions.MaxTurns();
        var maxNewTokens = ModelOptions.MaxNewTokens();
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
            scenario, seed, heldOut, run, maxTurns, maxNewTokens, output, traces, noHermesContent,
        };
        policy.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var turns = CommonOptions.Positive(parse, maxTurns);
            var newTokens = CommonOptions.Positive(parse, maxNewTokens);
            IReadOnlyList<EpisodeTask> tasks;
            if (parse.GetValue(run) is { } runDirectory)
            {
                if (parse.GetValue(heldOut) || parse.GetValue(scenario) is { Length: > 0 })
                    throw new CliException("--run evaluates the run's own held-out set; drop --held-out and --scenario", ExitCodes.BadArguments);
                tasks = RunHeldOut(context, runDirectory);
            }
            else
            {
                tasks = EpisodeTask.All(context.Select(parse.GetValue(scenario)));
                if (parse.GetValue(heldOut))
                    tasks = SplitTasks.Create(tasks, new TaskSplit(TaskSplit.DefaultHeldOutFraction, parse.GetValue(seed))).HeldOut;
            }
            // Every output is checked before the policy loads and the evaluation runs.
            string? reportPath = parse.GetValue(output);
            OutputChecks.WritableFileFolder(reportPath, "--out");
            OutputChecks.WritableFileFolder(parse.GetValue(traces), "--traces");
            var evaluated = policy.Create(parse, new ChatClientPolicyOptions { ParseHermesContent = !parse.GetValue(noHermesContent) });
            context.OnInterrupt(() => $"during the evaluation; no report was written{(reportPath is null ? "" : $" to {reportPath}")}; run the same command to evaluate again");
            context.Output.WriteLine($"evaluating {tasks.Count} tasks...");
            var episodes = await Evaluator.RunAsync(
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

    /// <summary>The held-out tasks a run folder's <see cref="SplitManifest"/> lists, its composed ones composed again.</summary>
    internal static IReadOnlyList<EpisodeTask> RunHeldOut(CliContext context, string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
            throw new CliException($"--run '{runDirectory}' is not a folder", ExitCodes.BadArguments);
        if (!File.Exists(Path.Combine(runDirectory, SplitManifest.FileName)))
            throw new CliException(
                $"--run '{runDirectory}' has no {SplitManifest.FileName}: not a run folder of `train` or `sft`, or one written before runs recorded their split; " +
                "run `train` again, or evaluate with --held-out --seed N", ExitCodes.BadArguments);
        var manifest = SplitManifest.Load(runDirectory);
        var candidates = EpisodeTask.All(context.Environments).ToList();
        if (manifest.ComposedHeldOut is { } recipe)
        {
            var names = manifest.Train.Concat(manifest.HeldOut).Select(e => e.Environment).ToHashSet(StringComparer.Ordinal);
            var environments = context.Environments.Where(e => names.Contains(e.Name)).ToArray();
            candidates.AddRange(ComposedTasks.Compose(environments, new TaskSplit(manifest.HeldOutFraction, manifest.Seed), heldOut: true, recipe.PerStructure, recipe.Seed));
        }
        return SplitManifest.Resolve(manifest.HeldOut, candidates, runDirectory);
    }

    /// <summary><c>report.md</c> → <c>report.traces.jsonl</c> in the same folder; null without a report file.</summary>
    internal static string? TracesBeside(string? reportPath) =>
        reportPath is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, Path.GetFileNameWithoutExtension(reportPath) + ".traces.jsonl");
}
