using System.Diagnostics;
using System.Globalization;
using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.IO;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Text.ChatTemplates;
using TorchSharp;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded default training run (<c>dotnet run -- train</c> with no model): a tiny Qwen3-architecture policy
/// built from scratch over a restricted real Qwen3 vocabulary, SFT on the training tasks' golden trajectories,
/// then GRPO on step records from the policy's own episodes with the environment's step rewards
/// (<see cref="PrefixGrpoProcess"/>) on <see cref="ResumableTrainingLoop"/>, which evaluates held-out Solve-P/R/F1
/// after SFT and after RL. Writes <c>report.md</c>, <c>metrics.jsonl</c>, <c>tensorboard/</c>, <c>checkpoints/</c>, the
/// tokenizer, the SFT model and the final model to the run folder.
/// </summary>
public static class EmbeddedDefaultJob
{
    /// <summary>Runs the job over <paramref name="environments"/>; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<EmbeddedDefaultResult> RunAsync(
        EmbeddedDefaultOptions options, IReadOnlyList<IToolEnvironment> environments, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(progress);
        options.Validate();
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
        torch.manual_seed(options.Seed);
        string runDir = Path.GetFullPath(options.OutputDirectory);
        using var runLock = RunFolderLock.Acquire(runDir); // one writer per run folder; removes dead writers' temp files
        var template = Qwen3ChatTemplate.Instance;
        // Evaluation scores with the reference rule (comparable with the paper, strict beside it); the RL reward with
        // the strict one, so the policy cannot earn reward from error texts that echo its own arguments.
        var episodeOptions = new EpisodeOptions { MaxTurns = options.MaxTurns };
        var rlEpisodeOptions = episodeOptions with { SolveRule = SolveRule.Strict };

        var plan = EmbeddedDefaultTasks.Plan(options, environments);
        var (split, composed, heldOutComposed) = (plan.Split, plan.Composed, plan.HeldOutComposed);
        var (trainTasks, heldOut) = (plan.Train, plan.HeldOut);
        progress.WriteLine($"tasks: {split.Train.Count} authored + {composed.Count} composed train; {split.HeldOut.Count} authored + {heldOutComposed.Count} composed held out (seed {options.Seed})");
        // A run folder resumes only the run it was made for: same seed, model, tasks and tools.
        var manifest = plan.Manifest();
        RunFingerprint.Of(
            [new("seed", options.Seed.ToString(CultureInfo.InvariantCulture)), new("model", SftPhaseCheckpoint.ModelText(options.Model))], manifest, environments)
            .CheckAndSave(runDir, hasEarlierWork: File.Exists(Path.Combine(runDir, SftPhaseCheckpoint.FileName)),
                $"to start fresh, delete '{runDir}' or pass another --out");
        manifest.Save(runDir); // eval --run evaluates exactly these held-out tasks

        var goldenTrain = new List<(EvaluationTask Task, IReadOnlyList<ChatMessage> Messages)>();
        foreach (var t in trainTasks)
            goldenTrain.Add((t, await GoldenTrajectory.BuildAsync(t.Environment, t.Task, cancellationToken).ConfigureAwait(false)));

        string tokenizerDir = Path.Combine(runDir, "tokenizer");
        var (tokenizer, vocabularyDescription) = await EmbeddedVocabulary.ResolveAsync(options, environments, tokenizerDir, cancellationToken).ConfigureAwait(false);
        int vocabularySize = tokenizer.VocabularySize;
        int endId = tokenizer.SpecialTokenId("<|im_end|>");
        int padId = tokenizer.SpecialTokenId("<|endoftext|>");
        progress.WriteLine($"vocabulary: {vocabularyDescription}");

        // A run killed after SFT restarts from model-sft (see SftPhaseCheckpoint); anything else starts afresh.
        string sftDir = Path.Combine(runDir, "model-sft");
        string sftSettings = SftPhaseCheckpoint.SettingsOf(options, vocabularySize, vocabularyDescription);
        var resumed = SftPhaseCheckpoint.TryLoad(runDir, sftSettings, sftDir, progress);
        string initDir = Path.Combine(runDir, "model-init");
        if (resumed is null) TinyCheckpoint.Write(initDir, ModelFamily.Qwen3, options.Model with { VocabSize = vocabularySize, EosTokenIds = [endId] }, options.Seed);
        using var model = ModelLoader.Load(resumed is null ? initDir : sftDir);
        model.EndTokenIds = [endId];
        progress.WriteLine($"model: Qwen3 {options.Model.Layers} layers, hidden {options.Model.HiddenSize}, {model.parameters().Sum(p => p.numel()):N0} parameters");

        // Thinking off: Qwen3's template then pre-fills an empty think block, as in the SFT conversations. Every
        // checkpoint records it, so a policy loaded from one prompts as the run did.
        var promptOptions = new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false);

        // SFT warm start.
        var builder = new SftExampleBuilder(tokenizer, template);
        var examples = goldenTrain.SelectMany(g => builder.Build(g.Task.Task.Id, g.Messages, g.Task.Environment.Tools)).ToArray();
        progress.WriteLine($"sft: {examples.Length} sequences, {examples.Sum(e => e.TokenIds.Length):N0} tokens ({examples.Sum(e => e.TargetTokenCount):N0} assistant), longest {examples.Max(e => e.TokenIds.Length)}");
        var sftOptions = new SftOptions
        {
            Steps = options.SftSteps,
            BatchSize = options.SftBatchSize,
            Seed = options.Seed,
            PadTokenId = padId,
            Optimizer = new OptimizerSettings { LearningRate = options.SftLearningRate, WeightDecay = 0.0, MaxGradNorm = 1.0 },
            Schedule = options.SftSchedule,
        };
        SftResult? shortSft;
        SftResult sft;
        if (resumed is null)
        {
            SftPhaseCheckpoint.Invalidate(runDir);
            shortSft = null;
            if (options.ShortContextSftSteps > 0)
            {
                var shortExamples = goldenTrain.SelectMany(g => builder.Build(g.Task.Task.Id, g.Messages, [])).ToArray();
                progress.WriteLine($"sft (short context, no tool block): {shortExamples.Length} sequences, {shortExamples.Sum(e => e.TokenIds.Length):N0} tokens");
                shortSft = SftTrainer.Train(model, shortExamples, sftOptions with { Steps = options.ShortContextSftSteps }, progress, cancellationToken);
            }
            sft = SftTrainer.Train(model, examples, sftOptions, progress, cancellationToken);
            ModelSaver.Save(model, sftDir, copyFrom: tokenizerDir, chatOptions: promptOptions);
            new SftPhaseCheckpoint(sftSettings, sft, shortSft).Save(runDir);
        }
        else
        {
            (sft, shortSft) = (resumed.Main, resumed.Short);
            progress.WriteLine($"sft: resumed from {sftDir} ({sft.Losses.Count + (shortSft?.Losses.Count ?? 0)} steps trained earlier; delete {SftPhaseCheckpoint.FileName} to train again)");
        }
        var sftRecords = new List<StepMetrics>();
        for (int i = 0; i < (shortSft?.Losses.Count ?? 0); i++)
            sftRecords.Add(new StepMetrics(i + 1, MetricNames.SftShortPhase, new Dictionary<string, double> { [MetricNames.Loss] = shortSft!.Losses[i] }));
        for (int i = 0; i < sft.Losses.Count; i++)
            sftRecords.Add(new StepMetrics(i + 1, MetricNames.SftPhase, new Dictionary<string, double> { [MetricNames.Loss] = sft.Losses[i] }));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sft: {sft.Elapsed.TotalSeconds:F0} s, {sft.TokensPerSecond:F0} tokens/s{(resumed is null ? "" : " (the earlier run's)")}"));

        // RL on the resumable loop: checkpoints under checkpoints/, metrics.jsonl (the SFT records first) and
        // TensorBoard, held-out evaluation after SFT (step 0) and after the last step. A run killed mid-RL resumes
        // from its newest checkpoint, unless SFT trained again or the RL settings changed.
        var loop = new ResumableTrainingLoop(
            new RunConfig { OutputDir = runDir, Steps = options.RlIterations, Seed = unchecked((int)options.Seed), CheckpointInterval = RlCheckpointInterval, KeepCheckpoints = 2 },
            ProgressDisplay.Plain(progress, everyPercent: 100))
        { RecordsBeforeSteps = sftRecords, CallerHoldsLock = true };
        StartRlAgainUnlessResumable(runDir, loop, sftTrained: resumed is null, RlSettingsOf(options), progress);

        var greedy = new TorchPolicy(model, tokenizer, template, promptOptions, "embedded-default") { PadTokenId = padId };
        var greedySampling = PolicySampling.Greedy with { MaxNewTokens = options.MaxNewTokens };
        var evaluation = new HeldOutEvaluation(greedy, greedySampling, heldOut, episodeOptions, runDir, progress, step => step == 0 ? "after SFT" : "after RL");
        using var reference = ModelLoader.Load(sftDir);
        reference.eval();
        var sampler = new TorchPolicy(model, tokenizer, template, promptOptions, "embedded-default")
        {
            PadTokenId = padId, MaxBatchSize = options.RlPromptsPerIteration * options.RlGroupSize,
        };
        var rlClock = Stopwatch.StartNew();
        LoopResult loopResult;
        using (var process = new PrefixGrpoProcess(options, greedy, greedySampling, sampler, reference, trainTasks, rlEpisodeOptions, tokenizerDir, progress))
            loopResult = await loop.RunAsync(process, evaluation, cancellationToken).ConfigureAwait(false);
        rlClock.Stop();
        var rlStats = MetricsLog.Read(loop.MetricsPath).Where(r => r.Phase == MetricNames.RlPhase).Select(UpdateStatsOf).ToList();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rl: {rlStats.Count} updates; {loopResult.StepsRun} iterations in {rlClock.Elapsed.TotalSeconds:F0} s ({rlClock.Elapsed.TotalSeconds / Math.Max(1, loopResult.StepsRun):F1} s per iteration: episodes, sampling, scoring, update){(loopResult.ResumedFromStep > 0 ? $", resumed at iteration {loopResult.ResumedFromStep}" : "")}"));
        // Evaluations the loop did not run in this process (a resumed run's after-SFT one, or both when the run had
        // ended) run again here: greedy, so they give the numbers and traces the earlier process wrote.
        var afterSft = evaluation.Reports.GetValueOrDefault(0)
            ?? await new HeldOutEvaluation(new TorchPolicy(reference, tokenizer, template, promptOptions, "embedded-default") { PadTokenId = padId },
                greedySampling, heldOut, episodeOptions, runDir, progress, _ => "after SFT").EvaluateReportAsync(0, cancellationToken).ConfigureAwait(false);
        var afterRl = loopResult.FinalStep == 0 ? afterSft
            : evaluation.Reports.GetValueOrDefault(loopResult.FinalStep) ?? await evaluation.EvaluateReportAsync(loopResult.FinalStep, cancellationToken).ConfigureAwait(false);
        if (loopResult.FinalStep == 0) File.Copy(evaluation.TracesPath(0), evaluation.TracesPath(1), overwrite: true);
        ModelSaver.Save(model, Path.Combine(runDir, "model-final"), copyFrom: tokenizerDir, chatOptions: promptOptions);

        clock.Stop();
        var bySource = new List<HeldOutSourceScores> { Source("authored", afterSft, afterRl, 0, split.HeldOut.Count) };
        if (heldOutComposed.Count > 0) bySource.Add(Source("composed", afterSft, afterRl, split.HeldOut.Count, heldOutComposed.Count));
        var result = new EmbeddedDefaultResult(options.Seed, runDir, trainTasks.Length, heldOut.Length, vocabularySize, vocabularyDescription,
            sft, afterSft, rlStats, afterRl, clock.Elapsed, shortSft, bySource);
        EmbeddedDefaultReport.Write(result, options, Path.Combine(runDir, "report.md"));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done in {clock.Elapsed.TotalSeconds:F0} s: held-out Solve-F1 {afterSft.Overall.SolveF1:F2} after SFT → {afterRl.Overall.SolveF1:F2} after RL; report {Path.Combine(runDir, "report.md")}"));
        return result;
    }

    private static HeldOutSourceScores Source(string name, EvaluationReport afterSft, EvaluationReport afterRl, int start, int count) =>
        new(name, count,
            SolveScores.Of(afterSft.PerTask.Skip(start).Take(count).Select(t => t.Metrics).ToArray()),
            SolveScores.Of(afterRl.PerTask.Skip(start).Take(count).Select(t => t.Metrics).ToArray()));

    /// <summary>RL checkpoints every this many iterations (and at the end, and on Ctrl-C).</summary>
    private const int RlCheckpointInterval = 5;

    private const string RlSettingsFile = "rl-settings.txt";

    /// <summary>Everything the RL steps depend on besides SFT, the split and the model (the iteration count excepted: more iterations continue a run).</summary>
    private static string RlSettingsOf(EmbeddedDefaultOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"algorithm={o.Algorithm}; episodes={o.RlEpisodesPerIteration}; prompts={o.RlPromptsPerIteration}; group={o.RlGroupSize}; lr={o.RlLearningRate:R}; " +
        $"temperature={o.RlTemperature:R}; max new tokens={o.MaxNewTokens}; max turns={o.MaxTurns}");

    /// <summary>
    /// Drops the RL checkpoints (and the TensorBoard events) unless they continue this run: SFT was not trained again
    /// and the RL settings are those they were made with. A fresh RL phase then starts from the SFT model.
    /// </summary>
    private static void StartRlAgainUnlessResumable(string runDir, ResumableTrainingLoop loop, bool sftTrained, string rlSettings, TextWriter progress)
    {
        string settingsPath = Path.Combine(runDir, RlSettingsFile);
        bool sameSettings = File.Exists(settingsPath) && File.ReadAllText(settingsPath) == rlSettings;
        if (loop.Checkpoints.Complete().Count > 0 && (sftTrained || !sameSettings))
        {
            progress.WriteLine(sftTrained ? "rl: SFT trained again; RL starts again" : $"rl: {loop.Checkpoints.Root} was written with other RL settings; RL starts again");
            Directory.Delete(loop.Checkpoints.Root, recursive: true);
        }
        if (loop.Checkpoints.Complete().Count == 0 && Directory.Exists(loop.TensorBoardDirectory))
            Directory.Delete(loop.TensorBoardDirectory, recursive: true);
        AtomicFile.WriteAllText(settingsPath, rlSettings);
    }

    /// <summary>An RL step's statistics as its metrics record holds them.</summary>
    private static RlUpdateStats UpdateStatsOf(StepMetrics r) => new()
    {
        MeanReward = r[MetricNames.RewardMean], Kl = r[MetricNames.Kl], Entropy = r[MetricNames.Entropy], PolicyLoss = r[MetricNames.PolicyLoss],
        TotalLoss = r[MetricNames.TotalLoss], ClipFraction = r[MetricNames.ClipFraction], GradNorm = r[MetricNames.GradNorm],
        TokensPerSecond = r[MetricNames.TokensPerSecond], ResponseTokens = (long)r[MetricNames.ResponseTokens],
    };
}
