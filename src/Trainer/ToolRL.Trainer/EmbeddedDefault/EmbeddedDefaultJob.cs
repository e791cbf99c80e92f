using System.Diagnostics;
using System.Globalization;
using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Rewards;
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
/// held-out Solve-P/R/F1, GRPO on step records from the policy's own episodes with the environment's step rewards,
/// held-out Solve-P/R/F1 again. Writes <c>report.md</c>, <c>metrics.jsonl</c>, the tokenizer and the final model to the run folder.
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

        // The logs are rebuilt on every run (a resumed run re-records SFT from its checkpoint), never appended to.
        File.Delete(Path.Combine(runDir, "metrics.jsonl"));
        string tensorBoardDir = Path.Combine(runDir, "tensorboard");
        if (Directory.Exists(tensorBoardDir)) Directory.Delete(tensorBoardDir, recursive: true);
        using var metrics = new MetricsLog(Path.Combine(runDir, "metrics.jsonl"));
        using var tensorBoard = new TensorBoardLog(tensorBoardDir);
        void Log(StepMetrics record)
        {
            metrics.Append(record);
            tensorBoard.Write(record);
        }

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
        for (int i = 0; i < (shortSft?.Losses.Count ?? 0); i++)
            Log(new StepMetrics(i + 1, MetricNames.SftShortPhase, new Dictionary<string, double> { [MetricNames.Loss] = shortSft!.Losses[i] }));
        for (int i = 0; i < sft.Losses.Count; i++)
            Log(new StepMetrics(i + 1, MetricNames.SftPhase, new Dictionary<string, double> { [MetricNames.Loss] = sft.Losses[i] }));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sft: {sft.Elapsed.TotalSeconds:F0} s, {sft.TokensPerSecond:F0} tokens/s{(resumed is null ? "" : " (the earlier run's)")}"));

        var greedy = new TorchPolicy(model, tokenizer, template, promptOptions, "embedded-default") { PadTokenId = padId };
        var greedySampling = PolicySampling.Greedy with { MaxNewTokens = options.MaxNewTokens };
        var evaluation = new HeldOutEvaluation(greedy, greedySampling, heldOut, episodeOptions, runDir, progress, step => step == 0 ? "after SFT" : "after RL");
        var afterSft = await evaluation.EvaluateReportAsync(0, cancellationToken).ConfigureAwait(false);
        Log(HeldOutEvaluation.Record(0, afterSft));

        // GRPO on step records collected from the policy's own episodes on training tasks.
        using var reference = ModelLoader.Load(sftDir);
        reference.eval();
        var rlStats = new List<RlUpdateStats>();
        var sampler = new TorchPolicy(model, tokenizer, template, promptOptions, "embedded-default")
        {
            PadTokenId = padId, MaxBatchSize = options.RlPromptsPerIteration * options.RlGroupSize,
        };
        var settings = new RlUpdateSettings
        {
            Algorithm = options.Algorithm,
            MiniBatchSize = options.RlPromptsPerIteration * options.RlGroupSize,
            MicroBatchSize = 16,
            // One update per batch: at temperature 1 the sampler's log-probs are the policy's, so the extra forward
            // pass verl makes to recompute them would give the same numbers.
            RecomputeOldLogProbs = options.RlTemperature != 1.0,
        };
        var rlClock = Stopwatch.StartNew();
        using (var optimizer = new PolicyOptimizer(model.parameters(), new OptimizerSettings { LearningRate = options.RlLearningRate, WeightDecay = 0.0 }))
        {
            var updater = new RlUpdater(new Rl.CausalLmScorer(model, padId), new Rl.CausalLmScorer(reference, padId), optimizer, settings);
            var random = new Random(unchecked((int)options.Seed * 7919 + 17));
            for (int it = 0; it < options.RlIterations; it++)
            {
                var episodeTasks = trainTasks.OrderBy(_ => random.Next()).Take(options.RlEpisodesPerIteration).ToArray();
                var episodes = await EpisodeBatchRunner.RunAsync(greedy, greedySampling, episodeTasks, rlEpisodeOptions, cancellationToken).ConfigureAwait(false);
                var chosen = episodes.SelectMany(e => PrefixRollouts.Prefixes(e.Task, e.Messages))
                    .OrderBy(_ => random.Next()).Take(options.RlPromptsPerIteration).ToArray();
                var sampling = new PolicySampling { Temperature = options.RlTemperature, MaxNewTokens = options.MaxNewTokens, Seed = options.Seed * 1000 + it + 1 };
                var samples = await PrefixRollouts.CollectAsync(sampler, sampling, chosen, options.RlGroupSize, rlEpisodeOptions, cancellationToken).ConfigureAwait(false);
                if (samples.Count == 0) continue;
                model.train();
                var stats = updater.Update(samples);
                model.eval();
                rlStats.Add(stats);
                var values = RlUpdateMetrics.Of(stats);
                (values[MetricNames.RolloutSolveP], values[MetricNames.RolloutSolveR], values[MetricNames.RolloutSolveF1]) =
                    EpisodeMetrics.Average(episodes.Select(e => e.Metrics).ToArray());
                values[MetricNames.Records] = chosen.Length;
                Log(new StepMetrics(it + 1, MetricNames.RlPhase, values));
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rl {it + 1}/{options.RlIterations}  reward {stats.MeanReward:F3}  kl {stats.Kl:F4}  entropy {stats.Entropy:F3}  {stats.TokensPerSecond:F0} tok/s"));
            }
        }
        rlClock.Stop();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rl: {rlStats.Count} updates in {rlClock.Elapsed.TotalSeconds:F0} s ({rlClock.Elapsed.TotalSeconds / Math.Max(1, rlStats.Count):F1} s per iteration: episodes, sampling, scoring, update)"));
        int lastStep = Math.Max(1, rlStats.Count);
        var afterRl = await evaluation.EvaluateReportAsync(lastStep, cancellationToken).ConfigureAwait(false);
        Log(HeldOutEvaluation.Record(lastStep, afterRl));
        ModelSaver.Save(model, Path.Combine(runDir, "model-final"), copyFrom: tokenizerDir, chatOptions: promptOptions);

        clock.Stop();
        var bySource = new List<HeldOutSourceScores> { Source("authored", afterSft, afterRl, 0, split.HeldOut.Count) };
        if (heldOutComposed.Count > 0) bySource.Add(Source("composed", afterSft, afterRl, split.HeldOut.Count, heldOutComposed.Count));
        var result = new EmbeddedDefaultResult(options.Seed, runDir, trainTasks.Length, heldOut.Length, vocabularySize, vocabularyDescription,
            sft, afterSft, rlStats, afterRl, clock.Elapsed, shortSft, bySource);
        metrics.Dispose(); // the report reads metrics.jsonl for its curves
        tensorBoard.Dispose();
        EmbeddedDefaultReport.Write(result, options, Path.Combine(runDir, "report.md"));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done in {clock.Elapsed.TotalSeconds:F0} s: held-out Solve-F1 {afterSft.Overall.SolveF1:F2} after SFT → {afterRl.Overall.SolveF1:F2} after RL; report {Path.Combine(runDir, "report.md")}"));
        return result;
    }

    private static HeldOutSourceScores Source(string name, EvaluationReport afterSft, EvaluationReport afterRl, int start, int count) =>
        new(name, count,
            SolveScores.Of(afterSft.PerTask.Skip(start).Take(count).Select(t => t.Metrics).ToArray()),
            SolveScores.Of(afterRl.PerTask.Skip(start).Take(count).Select(t => t.Metrics).ToArray()));
}
