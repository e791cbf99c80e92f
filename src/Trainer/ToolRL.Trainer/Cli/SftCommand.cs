using System.CommandLine;
using System.Globalization;
using ToolRL.Cli;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Native;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>sft</c>: supervised warm start of an HF checkpoint on the golden trajectories of the training tasks (loss on
/// assistant tokens only), as one phase on the resumable loop: per-step metrics, TensorBoard, checkpoints (a rerun
/// of the same command resumes), held-out evaluation before, every <c>--eval-interval</c> steps and at the end, and
/// <c>report.md</c>. The fine-tuned model is saved as an HF checkpoint at the top of <c>--out</c>, which
/// <c>train --model</c> and <c>eval --model</c> take.
/// </summary>
internal static class SftCommand
{
    /// <summary>SFT checkpoints every this many steps (and at the end, and on Ctrl-C).</summary>
    private const int CheckpointInterval = 50;

    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var seed = CommonOptions.Seed();
        var model = new Option<string>("--model", "-m") { Description = "HF checkpoint folder to start from.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Run folder; the fine-tuned checkpoint is saved at its top.", Required = true };
        var device = new Option<string>("--device") { Description = "cpu (default), cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => 1e-5 };
        var evalInterval = new Option<int>("--eval-interval") { Description = "Held-out evaluation every this many steps (0: only before and after).", DefaultValueFactory = _ => 0 };
        var maxTurns = CommonOptions.MaxTurns();
        var maxNewTokens = ModelOptions.MaxNewTokens();
        var command = new Command("sft", "Supervised warm start on golden trajectories of the training tasks (assistant-only loss).")
        {
            scenario, seed, model, output, device, steps, batch, lr, evalInterval, maxTurns, maxNewTokens,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CommonOptions.AtLeast(steps, parse.GetValue(steps), 1);
            CommonOptions.AtLeast(batch, parse.GetValue(batch), 1);
            CommonOptions.AtLeast(evalInterval, parse.GetValue(evalInterval), 0);
            CommonOptions.AtLeast(maxTurns, parse.GetValue(maxTurns), 1);
            CommonOptions.AtLeast(maxNewTokens, parse.GetValue(maxNewTokens), 1);
            CommonOptions.PositiveNumber(lr, parse.GetValue(lr));
            var modelDirectory = Path.GetFullPath(parse.GetValue(model)!);
            if (!File.Exists(Path.Combine(modelDirectory, "config.json")))
                throw new CliException($"--model '{parse.GetValue(model)}' has no config.json: not an HF checkpoint folder", ExitCodes.BadArguments);
            var options = new SftOptions
            {
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                Seed = parse.GetValue(seed),
                Optimizer = new SftOptions().Optimizer with { LearningRate = parse.GetValue(lr) },
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.BadArguments);
            }
            var runDirectory = Path.GetFullPath(parse.GetValue(output)!);
            OutputChecks.WritableFolder(runDirectory, "--out");
            if (runDirectory == modelDirectory)
                throw new CliException("--out must be another folder than --model: the run saves the fine-tuned checkpoint there", ExitCodes.BadArguments);
            var policy = TorchPolicy.Load(modelDirectory, TorchDevices.Parse(parse.GetValue(device)));
            context.OnInterrupt(() => InterruptNote(runDirectory));
            var rule = new ToolRL.Tasks.TaskSplit(ToolRL.Tasks.TaskSplit.DefaultHeldOutFraction, parse.GetValue(seed));
            var environments = context.Select(parse.GetValue(scenario));
            var split = SplitTasks.Create(EpisodeTask.All(environments), rule);
            var manifest = SplitManifest.Of(rule, split.Train, split.HeldOut);
            using var runLock = RunFolderLock.Acquire(runDirectory);
            // Resume only the run this folder was made for: same seed, base model, tasks and tools.
            RunFingerprint.Of([new("seed", parse.GetValue(seed).ToString(CultureInfo.InvariantCulture)), new("model", modelDirectory)], manifest, environments)
                .CheckAndSave(runDirectory, hasEarlierWork: PhasedRun.HasCheckpoints(runDirectory), $"to start fresh, delete '{runDirectory}' or pass another --out");
            manifest.Save(runDirectory); // eval --run takes its held-out set
            // Thinking as the base checkpoint records it, else off (SFT's default); the output records what was used.
            var chat = new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: policy.TemplateOptions.EnableThinking ?? false);
            var builder = new SftExampleBuilder(policy.Tokenizer, policy.Template, chat.EnableThinking);
            var examples = new List<SftExample>();
            foreach (var t in split.Train)
            {
                var messages = await GoldenTrajectory.BuildAsync(t.Environment, t.Task, cancellationToken);
                examples.AddRange(builder.Build(t.Task.Id, messages, t.Environment.Tools));
            }
            context.Output.WriteLine($"sft: {examples.Count} sequences from {split.Train.Count} training tasks → {runDirectory}");
            var run = new PhasedRun(runDirectory, [new RunPhase(MetricNames.SftPhase, string.Create(CultureInfo.InvariantCulture,
                $"steps={options.Steps}; batch={options.BatchSize}; lr={options.Optimizer.LearningRate:R}; seed={options.Seed}"))], context.Output);
            var evaluation = new HeldOutEvaluation(policy, PolicySampling.Greedy with { MaxNewTokens = parse.GetValue(maxNewTokens) }, split.HeldOut,
                new Episodes.EpisodeOptions { MaxTurns = parse.GetValue(maxTurns) }, runDirectory, context.Output);
            using var process = new SftTrainingProcess(policy.Model, examples, options with { PadTokenId = policy.PadTokenId }, modelDirectory, chat);
            var loopConfig = new TrainingLoopOptions
            {
                OutputDir = runDirectory, Steps = options.Steps, Seed = parse.GetValue(seed), CheckpointInterval = CheckpointInterval, EvalInterval = parse.GetValue(evalInterval),
            };
            var result = (await run.RunAsync(MetricNames.SftPhase, loopConfig, process, evaluation, ProgressDisplay.ForConsole(), cancellationToken))!;
            ModelSaver.Save(policy.Model, runDirectory, copyFrom: modelDirectory, chatOptions: chat);
            var sft = SftResult.Of(MetricsLog.Read(result.MetricsPath), MetricNames.SftPhase);
            var report = TrainingRunReport.Write(runDirectory, $"SFT run: {Path.GetFileName(modelDirectory)}",
                string.Create(CultureInfo.InvariantCulture,
                    $"Base model {modelDirectory}; seed {options.Seed}; {split.Train.Count} training tasks ({examples.Count} sequences), {split.HeldOut.Count} held out; {result.FinalStep} SFT steps, batch {options.BatchSize}, lr {options.Optimizer.LearningRate:R}."),
                evaluation.Reports.Count > 0 ? evaluation.Reports.Values.Last().ToMarkdown() : null, MetricNames.SftPhase);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(result.ResumedFromStep > 0 ? $"resumed from step {result.ResumedFromStep}; " : "")}final loss {sft.Losses.LastOrDefault():F4}, {sft.TokensPerSecond:F0} tokens/s; saved to {runDirectory}; report {report}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What an interrupted SFT run left: its newest checkpoint (the loop saves one on the way out).</summary>
    private static string InterruptNote(string runDirectory) =>
        PhasedRun.Newest(runDirectory) is { } latest
            ? $"after SFT step {latest.State.Step}; run the same command to resume from {latest.Path}"
            : "before the first SFT step ended; nothing to resume from yet; run the same command to start again";
}
