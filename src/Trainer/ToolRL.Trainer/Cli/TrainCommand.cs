using System.CommandLine;
using System.Globalization;
using ToolRL.Cli;
using ToolRL.Trainer.Base;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Native;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>train</c>: without <c>--model</c>, the embedded default — a tiny Qwen3-architecture policy built from scratch,
/// SFT warm start on the training tasks, then GRPO, with held-out Solve-P/R/F1 before and after RL. With
/// <c>--model DIR</c>, GRPO / REINFORCE++ on an HF checkpoint, checkpointed and resumable.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var seed = CommonOptions.Seed();
        var model = new Option<string?>("--model", "-m") { Description = "HF checkpoint folder to train. Without it: the embedded default tiny policy." };
        var device = new Option<string?>("--device") { Description = "cpu (default), cuda, cuda:N or auto." };
        var algo = new Option<string?>("--algo") { Description = "grpo (default) or reinforce++." };
        var output = new Option<string?>("--out", "-o") { Description = "Run folder (default runs/embedded-default, or runs/default with --model)." };
        var config = new Option<string?>("--config") { Description = "A run config JSON file (see the README); flags override it. --model runs only." };
        var steps = new Option<int?>("--steps") { Description = "RL steps (iterations for the embedded default)." };
        var sftShortSteps = new Option<int?>("--sft-short-steps")
        {
            Description = "Embedded default: steps of the first SFT stage, on conversations without the tool block (default 300; 0 skips it).",
        };
        var sftSteps = new Option<int?>("--sft-steps")
        {
            Description = "Embedded default: steps of the second SFT stage, on the full prompts (default 800; 0 skips it).",
        };
        var lr = new Option<double?>("--lr") { Description = "RL learning rate." };
        var warmStartFaults = new Option<double?>("--warm-start-faults")
        {
            Description = "Embedded default: share of training tasks (0–1) whose SFT trajectory comes from an imperfect behaviour policy (a redundant call, a stop after the first hop, or a wrong tool then the right one); default 0 = golden.",
        };
        var baseModel = new Option<string?>("--base")
        {
            Description = "Embedded default: start from this generalist base (a `base` run's model folder) instead of SFT: RL on the targets with the step reward only, scored before and after with general capability and the parameter-change analysis.",
        };
        var trainable = new Option<string?>("--trainable") { Description = "Train only parameters matching these patterns, e.g. 'model.layers.[0-3].mlp.*'. --model runs only." };
        var thinking = ModelOptions.Thinking();
        var command = new Command("train", "Train a policy in the environments: SFT warm start + GRPO (embedded default), or RL on an HF checkpoint.")
        {
            scenario, seed, model, device, algo, output, config, steps, sftShortSteps, sftSteps, lr, warmStartFaults, baseModel, trainable, thinking,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CommonOptions.AtLeast(steps, parse.GetValue(steps), 0, parse.GetValue(model) is null ? " (0 skips RL)" : null);
            CommonOptions.PositiveNumber(lr, parse.GetValue(lr));
            var environments = context.Select(parse.GetValue(scenario));
            var algorithm = parse.GetValue(algo) is { } a ? ParseAlgorithm(a) : RlAlgorithm.Grpo;
            if (parse.GetValue(model) is null)
            {
                if (parse.GetValue(thinking) is not null)
                    throw new CliException("--thinking applies to --model runs; the embedded default always prompts with thinking off", ExitCodes.BadArguments);
                if (parse.GetValue(config) is not null || parse.GetValue(trainable) is not null)
                    throw new CliException("--config and --trainable apply to --model runs; the embedded default takes --seed, --steps, --sft-short-steps, --sft-steps, --lr, --algo, --out", ExitCodes.BadArguments);
                var defaults = new EmbeddedDefaultOptions();
                foreach (var stage in new[] { sftShortSteps, sftSteps })
                    if (parse.GetValue(stage) is < 0 and var negative)
                        throw new CliException($"{stage.Name} must be 0 or more (0 skips that SFT stage), got {negative}", ExitCodes.BadArguments);
                // The embedded job builds its model on the CPU; a --device it would ignore is an error, not a no-op.
                if (parse.GetValue(device) is { } deviceName && (deviceName.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) || TorchDevices.Resolve(deviceName) != "cpu"))
                    throw new CliException($"--device {deviceName}: the embedded default trains on the CPU only; --device applies to --model runs", ExitCodes.BadArguments);
                var options = defaults with
                {
                    Seed = parse.GetValue(seed),
                    OutputDirectory = parse.GetValue(output) ?? defaults.OutputDirectory,
                    Algorithm = algorithm,
                    RlIterations = parse.GetValue(steps) ?? defaults.RlIterations,
                    ShortContextSftSteps = parse.GetValue(sftShortSteps) ?? defaults.ShortContextSftSteps,
                    SftSteps = parse.GetValue(sftSteps) ?? defaults.SftSteps,
                    RlLearningRate = parse.GetValue(lr) ?? defaults.RlLearningRate,
                    WarmStartFaultShare = parse.GetValue(warmStartFaults) ?? defaults.WarmStartFaultShare,
                };
                try
                {
                    options.Validate();
                }
                catch (ArgumentException e)
                {
                    // The checks above name the options; this catches the rest without the internal parameter name.
                    throw new CliException(e.Message.Split(" (Parameter '")[0], ExitCodes.BadArguments);
                }
                var runDirectory = Path.GetFullPath(options.OutputDirectory);
                OutputChecks.WritableFolder(runDirectory, "--out");
                context.OnInterrupt(() => EmbeddedInterruptNote(runDirectory));
                if (parse.GetValue(baseModel) is { } basePath)
                {
                    if (CommonOptions.Given(parse, sftShortSteps) || CommonOptions.Given(parse, sftSteps) || CommonOptions.Given(parse, warmStartFaults))
                        throw new CliException("--base starts from the generalist base and runs no SFT: --sft-short-steps, --sft-steps and --warm-start-faults do not apply", ExitCodes.BadArguments);
                    if (!File.Exists(Path.Combine(basePath, "config.json")))
                        throw new CliException($"--base '{basePath}' has no config.json: pass the model folder of a `base` run", ExitCodes.BadArguments);
                    var fromBase = await BaseRlJob.RunAsync(options, basePath, environments, context.Output, cancellationToken);
                    context.Output.WriteLine($"targets held out: {fromBase.TargetsBefore.Overall} (base) → {fromBase.TargetsAfter.Overall} (after RL)");
                    context.Output.WriteLine($"general:          {fromBase.GeneralBefore.Overall} (base) → {fromBase.GeneralAfter.Overall} (after RL)");
                    context.Output.WriteLine($"run folder: {fromBase.RunDirectory} ({fromBase.Elapsed.TotalSeconds:F0} s)");
                    return ExitCodes.Ok;
                }
                var result = await EmbeddedDefaultJob.RunAsync(options, environments, context.Output, cancellationToken);
                context.Output.WriteLine($"held-out after SFT: {result.AfterSft.Overall}");
                context.Output.WriteLine($"held-out after RL:  {result.AfterRl.Overall}");
                foreach (var source in result.HeldOutBySource ?? [])
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {source.Source} ({source.Tasks} tasks): Solve-F1 {source.AfterSft.SolveF1:F2} after SFT → {source.AfterRl.SolveF1:F2} after RL"));
                context.Output.WriteLine($"run folder: {result.RunDirectory} ({result.Elapsed.TotalSeconds:F0} s)");
                return ExitCodes.Ok;
            }
            return await TrainCheckpointAsync(parse, context, environments, algorithm, cancellationToken);
        });

        async Task<int> TrainCheckpointAsync(
            ParseResult parse, CliContext context, IReadOnlyList<Environments.IToolEnvironment> environments, RlAlgorithm algorithm, CancellationToken cancellationToken)
        {
            // The SFT stages are the embedded default's; a --model run is RL only (its SFT is the sft command).
            foreach (var stage in new Option[] { sftShortSteps, sftSteps })
                if (CommonOptions.Given(parse, stage))
                    throw new CliException($"{stage.Name} applies to the embedded default only; a --model run is RL only (warm-start a checkpoint with the sft command first)", ExitCodes.BadArguments);
            if (environments.Count != 1)
                throw new CliException("training a checkpoint runs one scenario at a time: pass --scenario NAME", ExitCodes.BadArguments);
            var modelDirectory = parse.GetValue(model)!;
            if (!File.Exists(Path.Combine(modelDirectory, "config.json")))
                throw new CliException($"--model '{modelDirectory}' has no config.json: not an HF checkpoint folder", ExitCodes.BadArguments);
            RunConfig run;
            try
            {
                run = parse.GetValue(config) is { } path ? RunConfig.Load(path) : new RunConfig();
                run = run with
                {
                    Model = modelDirectory,
                    Seed = CommonOptions.Given(parse, seed) ? parse.GetValue(seed) : run.Seed,
                    Algorithm = parse.GetValue(algo) is null ? run.Algorithm : (algorithm == RlAlgorithm.Grpo ? "grpo" : "reinforce++"),
                    Device = parse.GetValue(device) ?? run.Device,
                    OutputDir = parse.GetValue(output) ?? run.OutputDir,
                    Steps = parse.GetValue(steps) ?? run.Steps,
                    LearningRate = parse.GetValue(lr) ?? run.LearningRate,
                    TrainableParameters = parse.GetValue(trainable) ?? run.TrainableParameters,
                };
                run = run.Validate();
            }
            catch (RunConfigException e)
            {
                throw new CliException(e.Message, ExitCodes.BadArguments);
            }
            var environment = environments[0];
            var deviceChoice = TorchDevices.Parse(run.Device);
            var runDirectory = Path.GetFullPath(run.OutputDir);
            OutputChecks.WritableFolder(runDirectory, "--out");
            var policy = TorchPolicy.Load(modelDirectory, deviceChoice, ModelOptions.ThinkingChoice(parse, thinking));
            var reference = ModelLoader.Load(modelDirectory, deviceChoice);
            var rule = new ToolRL.Tasks.TaskSplit(ToolRL.Tasks.TaskSplit.DefaultHeldOutFraction, run.Seed);
            var split = SplitTasks.Create(EpisodeTask.All([environment]), rule);
            var manifest = SplitManifest.Of(rule, split.Train, split.HeldOut);
            // Resume only the run this folder was made for: same seed, base model, tasks and tools.
            RunFingerprint.Of([new("seed", run.Seed.ToString(CultureInfo.InvariantCulture)), new("model", Path.GetFullPath(modelDirectory))], manifest, [environment])
                .CheckAndSave(Path.GetFullPath(run.OutputDir), hasEarlierWork: new RunCheckpointStore(run.OutputDir).Complete().Count > 0,
                    $"to start fresh, delete '{Path.GetFullPath(run.OutputDir)}' or pass another --out");
            manifest.Save(run.OutputDir); // eval --run takes its held-out set
            using var process = new RlTrainingProcess(run, environment, policy, reference, split.Train.Select(t => t.Task).ToList(), modelDirectory);
            var loop = new ResumableTrainingLoop(run.ToLoopOptions(), ProgressDisplay.ForConsole());
            context.OnInterrupt(() => CheckpointInterruptNote(loop));
            context.Output.WriteLine($"training {modelDirectory} on {environment.Name}: {split.Train.Count} training tasks, {run.Steps} steps ({run.Algorithm}) → {loop.RunDirectory}");
            // Held-out Solve-P/R/F1 before RL, every evalInterval steps and after the last (greedy, the reference rule).
            var evaluation = new HeldOutEvaluation(policy, PolicySampling.Greedy with { MaxNewTokens = run.MaxNewTokens }, split.HeldOut,
                new Episodes.EpisodeOptions { MaxTurns = run.MaxTurns }, loop.RunDirectory, context.Output);
            var result = await loop.RunAsync(process, evaluation, cancellationToken);
            context.Output.WriteLine(result.ResumedFromStep > 0
                ? $"resumed from step {result.ResumedFromStep}; ran {result.StepsRun} steps to step {result.FinalStep}"
                : $"ran {result.StepsRun} steps");
            var report = TrainingRunReport.Write(loop.RunDirectory, $"Training run: {Path.GetFileName(Path.GetFullPath(modelDirectory))} on {environment.Name}",
                string.Create(CultureInfo.InvariantCulture,
                    $"Base model {Path.GetFullPath(modelDirectory)}; seed {run.Seed}; {split.Train.Count} training tasks, {split.HeldOut.Count} held out; {run.Algorithm}, {result.FinalStep} steps."),
                evaluation.Reports.Count > 0 ? evaluation.Reports.Values.Last().ToMarkdown() : null);
            context.Output.WriteLine($"metrics: {result.MetricsPath}; checkpoints under {loop.RunDirectory}; report {report}");
            return ExitCodes.Ok;
        }

        return command;
    }

    /// <summary>What an interrupted embedded run left: the newest checkpoint of its phases (the loop saves one on the way out).</summary>
    private static string EmbeddedInterruptNote(string runDirectory) =>
        PhasedRun.Newest(runDirectory) is { } latest
            ? $"after {latest.Phase} step {latest.State.Step}; run the same command to resume from {latest.Path}"
            : "before the first SFT step ended; nothing to resume from yet; run the same command to start again";

    /// <summary>What an interrupted checkpoint run left: its newest checkpoint (the loop saves one on the way out).</summary>
    private static string CheckpointInterruptNote(ResumableTrainingLoop loop) =>
        loop.Checkpoints.Latest() is { } latest
            ? $"after step {latest.State.Step}; run the same command to resume from {latest.Path}"
            : $"before the first step ended; nothing to resume from yet; run the same command to start again";

    private static RlAlgorithm ParseAlgorithm(string name) => name.Trim().ToLowerInvariant() switch
    {
        "grpo" => RlAlgorithm.Grpo,
        "reinforce++" or "reinforce_plus_plus" or "reinforcepp" => RlAlgorithm.ReinforcePlusPlus,
        _ => throw new CliException($"--algo must be grpo or reinforce++, got '{name}'", ExitCodes.BadArguments),
    };
}
