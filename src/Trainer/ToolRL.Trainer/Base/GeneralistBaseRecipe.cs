using System.Diagnostics;
using System.Globalization;
using ToolRL.Construction.Procedural;
using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Tasks;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Text.ChatTemplates;
using TorchSharp;

namespace ToolRL.Trainer.Base;

/// <summary>
/// Trains the generalist base (issue 15): generates the procedural universe, splits its tasks by question, and runs
/// SFT on the training tasks' golden trajectories (full prompts, every tool's schema) from a tiny Qwen3 built over the
/// <see cref="GenericVocabulary"/>, on the one resumable loop. The end evaluates zero-shot, greedy: the universe's held-out
/// tasks (general capability) and the target environments' held-out tasks (never seen). Writes <c>model/</c> (bf16),
/// <c>report.md</c>, <c>metrics.jsonl</c>, <c>tensorboard/</c> and <c>checkpoints/</c> to the run folder.
/// </summary>
internal static class GeneralistBaseRecipe
{
    /// <summary>The run folder's model, the base's HF checkpoint.</summary>
    public const string ModelFolder = "model";

    /// <summary>
    /// Runs (or resumes) the recipe; <paramref name="targetHeldOut"/> (the target environments' held-out tasks, as the
    /// experiment from the base evaluates them) are scored zero-shot at the end.
    /// </summary>
    public static async Task<GeneralistBaseResult> RunAsync(
        GeneralistBaseOptions options, IReadOnlyList<EpisodeTask> targetHeldOut, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(targetHeldOut);
        ArgumentNullException.ThrowIfNull(progress);
        options.Validate();
        var clock = Stopwatch.StartNew();
        using var start = RunStart.Begin(options.Threads, options.Seed, options.OutputDirectory); // one writer per run folder
        string runDir = start.RunDirectory;
        options = options with { OutputDirectory = runDir };

        var universe = ProceduralUniverse.Generate(options.Universe);
        var rule = new TaskSplit(options.HeldOutFraction, options.Seed);
        var split = SplitTasks.Create(EpisodeTask.All(universe.Scenarios), rule);
        var manifest = SplitManifest.Of(rule, split.Train, split.HeldOut);
        RunFingerprint.Of([new("seed", options.Seed.ToString(CultureInfo.InvariantCulture)), new("model", EmbeddedDefaultPhases.ModelText(options.Model))], manifest, universe.Scenarios)
            .CheckAndSave(runDir, hasEarlierWork: PhasedRun.HasCheckpoints(runDir), $"to start fresh, delete '{runDir}' or pass another --out");
        manifest.Save(runDir);
        var summary = universe.Describe();
        progress.WriteLine($"universe: {summary.Scenarios} scenarios, {summary.Tools} tools, {summary.Tasks} tasks; {split.Train.Count} training tasks, {split.HeldOut.Count} held out");

        string tokenizerDir = Path.Combine(runDir, "tokenizer");
        var tokenizer = GenericVocabulary.Extract(tokenizerDir);
        int endId = tokenizer.SpecialTokenId("<|im_end|>"), padId = tokenizer.SpecialTokenId("<|endoftext|>");
        var template = Qwen3ChatTemplate.Instance;
        var chat = new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false);
        var builder = new SftExampleBuilder(tokenizer, template);
        var examples = new List<SftExample>();
        foreach (var t in split.Train)
        {
            var messages = await GoldenTrajectory.BuildAsync(t.Environment, t.Task, cancellationToken).ConfigureAwait(false);
            examples.AddRange(builder.Build(t.Task.Id, messages, t.Environment.Tools));
        }
        progress.WriteLine($"sft: {examples.Count} sequences, {examples.Sum(e => e.TokenIds.Length):N0} tokens ({examples.Sum(e => e.TargetTokenCount):N0} assistant), longest {examples.Max(e => e.TokenIds.Length)}; vocabulary {tokenizer.VocabularySize}");

        string initDir = Path.Combine(runDir, "model-init");
        TinyCheckpoint.Write(initDir, ModelFamily.Qwen3, options.Model with { VocabSize = tokenizer.VocabularySize, EosTokenIds = [endId] }, options.Seed);
        using var model = ModelLoader.Load(initDir);
        model.EndTokenIds = [endId];
        progress.WriteLine($"model: Qwen3 {options.Model.Layers} layers, hidden {options.Model.HiddenSize}, {model.parameters().Sum(p => p.numel()):N0} parameters");

        var policy = new TorchPolicy(model, tokenizer, template, chat, "generalist-base") { PadTokenId = padId };
        var greedy = PolicySampling.Greedy with { MaxNewTokens = options.MaxNewTokens };
        var episodeOptions = new EpisodeOptions { MaxTurns = options.MaxTurns };
        var curveTasks = GeneralEvaluationTasks(split.HeldOut, options.EvalSample);
        var curve = new HeldOutEvaluation(policy, greedy, curveTasks, episodeOptions, runDir, progress);
        var sftOptions = new SftOptions
        {
            Steps = options.Steps, BatchSize = options.BatchSize, Seed = options.Seed, PadTokenId = padId, Schedule = options.Schedule,
            Optimizer = new() { LearningRate = options.LearningRate, WeightDecay = 0.0, MaxGradNorm = 1.0 },
        };
        var run = new PhasedRun(runDir, [new RunPhase(MetricNames.SftPhase, Settings(options, tokenizer.VocabularySize))], progress);
        using (var sft = new SftTrainingProcess(model, examples, sftOptions, tokenizerDir, chat))
        {
            var loop = new TrainingLoopOptions { OutputDir = runDir, Steps = options.Steps, Seed = options.Seed, CheckpointInterval = 100, KeepCheckpoints = 2, EvalInterval = options.EvalInterval };
            await run.RunAsync(MetricNames.SftPhase, loop, sft, options.EvalInterval > 0 ? curve : null, ProgressDisplay.Plain(progress, everyPercent: 5), cancellationToken).ConfigureAwait(false);
        }
        string modelDir = Path.Combine(runDir, ModelFolder);
        ModelSaver.Save(model, modelDir, torch.ScalarType.BFloat16, copyFrom: tokenizerDir, chatOptions: chat);
        var sftResult = SftResult.Of(MetricsLog.Read(Path.Combine(runDir, "metrics.jsonl")), MetricNames.SftPhase);

        // Zero-shot, from the saved bf16 model: the numbers a user of the shipped weights gets.
        var shipped = TorchPolicy.Load(modelDir);
        var general = await Evaluate(shipped, greedy, curveTasks, episodeOptions, runDir, "universe held out", progress, cancellationToken).ConfigureAwait(false);
        var target = await Evaluate(shipped, greedy, targetHeldOut, episodeOptions, runDir, "targets held out", progress, cancellationToken).ConfigureAwait(false);
        new GeneralistBaseCard
        {
            Universe = options.Universe, SplitSeed = options.Seed, HeldOutFraction = options.HeldOutFraction, GeneralSample = options.EvalSample,
            MaxNewTokens = options.MaxNewTokens, MaxTurns = options.MaxTurns, Steps = options.Steps,
            GeneralSolveF1 = general.Overall.SolveF1, TargetSolveF1 = target.Overall.SolveF1,
        }.Save(modelDir);
        clock.Stop();
        var result = new GeneralistBaseResult(runDir, universe.Describe(), split.Train.Count, split.HeldOut.Count, examples.Count, sftResult, general, target, clock.Elapsed);
        GeneralistBaseReport.Write(result, options, Path.Combine(runDir, "report.md"));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done in {clock.Elapsed.TotalMinutes:F1} min: zero-shot Solve-F1 universe held out {general.Overall.SolveF1:F2}, targets held out {target.Overall.SolveF1:F2}; model {modelDir}"));
        return result;
    }

    /// <summary>The greedy zero-shot evaluation of the base on <paramref name="tasks"/> (what the shipped-weights test repeats).</summary>
    public static async Task<EvaluationReport> Evaluate(IPolicy policy, PolicySampling sampling, IReadOnlyList<EpisodeTask> tasks, EpisodeOptions options,
        string runDir, string label, TextWriter progress, CancellationToken cancellationToken)
    {
        var evaluation = new HeldOutEvaluation(policy, sampling, tasks, options, runDir, progress, _ => label);
        return await evaluation.EvaluateReportAsync(0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The general-capability set: every k-th held-out universe task, so it covers every scenario and structure. The
    /// same set is evaluated during training, at the end, and before and after RL on the targets.
    /// </summary>
    public static IReadOnlyList<EpisodeTask> GeneralEvaluationTasks(IReadOnlyList<EpisodeTask> tasks, int count)
    {
        if (tasks.Count <= count) return tasks;
        double stride = (double)tasks.Count / count;
        return Enumerable.Range(0, count).Select(i => tasks[(int)(i * stride)]).ToArray();
    }

    private static string Settings(GeneralistBaseOptions o, int vocabularySize) => string.Create(CultureInfo.InvariantCulture,
        $"universe={o.Universe.Seed}/{o.Universe.Scenarios}/{o.Universe.KindsPerScenario}/{o.Universe.ToolsPerScenario}/{o.Universe.EntitiesPerTool}/{o.Universe.Composition.SingleHop}; " +
        $"steps={o.Steps}; batch={o.BatchSize}; lr={o.LearningRate:R}; warmup={o.Schedule.WarmupSteps}; final={o.Schedule.FinalFraction:R}; seed={o.Seed}; vocabulary={vocabularySize}");
}
