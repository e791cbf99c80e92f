using System.Diagnostics;
using System.Globalization;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Trainer.Analysis;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Base;

/// <summary>
/// The paper's experiment in miniature (issue 15): load the generalist base, which has never seen the target
/// environments; score it on the targets' held-out tasks and on held-out tasks of its procedural universe; run GRPO
/// (or REINFORCE++) with the step reward alone on step records of its own episodes in the targets' training tasks
/// (no demonstration of a target task anywhere); score both again; and measure where the update went, per layer and
/// module. One phase on the resumable loop, so it checkpoints and resumes as every run does.
/// </summary>
internal static class BaseRlJob
{
    /// <summary>Runs (or resumes) the experiment from the base in <paramref name="baseDirectory"/>.</summary>
    public static async Task<BaseRlResult> RunAsync(EmbeddedDefaultOptions options, string baseDirectory, IReadOnlyList<IToolEnvironment> environments,
        TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var card = GeneralistBaseCard.Load(baseDirectory);
        var clock = Stopwatch.StartNew();
        using var start = RunStart.Begin(options.Threads, options.Seed, options.OutputDirectory); // one writer per run folder
        string runDir = start.RunDirectory;
        options = options with { OutputDirectory = runDir };

        var plan = EmbeddedDefaultTasks.Plan(options, environments);
        progress.WriteLine($"targets: {plan.Train.Length} training tasks (RL prompts only; no demonstrations), {plan.HeldOut.Length} held out (seed {options.Seed})");
        var manifest = plan.Manifest();
        RunFingerprint.Of([new("seed", options.Seed.ToString(CultureInfo.InvariantCulture)), new("base", Path.GetFullPath(baseDirectory))], manifest, environments)
            .CheckAndSave(runDir, hasEarlierWork: PhasedRun.HasCheckpoints(runDir), $"to start fresh, delete '{runDir}' or pass another --out");
        manifest.Save(runDir);
        var generalTasks = card.GeneralTasks();
        progress.WriteLine($"general capability: {generalTasks.Count} held-out tasks of the base's procedural universe (never trained on, RL never touches them)");

        // The run's own copy of the base: RL's reference, the 'before' of the analysis, and the tokenizer's source.
        string baseCopy = Path.Combine(runDir, "model-base");
        CopyFolder(baseDirectory, baseCopy);
        var tokenizer = QwenTokenizer.Load(baseCopy);
        int padId = tokenizer.SpecialTokenId("<|endoftext|>"), endId = tokenizer.SpecialTokenId("<|im_end|>");
        var template = Qwen3ChatTemplate.Instance;
        var promptOptions = new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false);
        using var model = ModelLoader.Load(baseCopy);
        using var reference = ModelLoader.Load(baseCopy);
        model.EndTokenIds = [endId];
        reference.EndTokenIds = [endId];
        reference.eval();
        var episodeOptions = new EpisodeOptions { MaxTurns = options.MaxTurns };
        var greedySampling = PolicySampling.Greedy with { MaxNewTokens = options.MaxNewTokens };
        var basePolicy = new TorchPolicy(reference, tokenizer, template, promptOptions, "generalist-base") { PadTokenId = padId };
        var greedy = new TorchPolicy(model, tokenizer, template, promptOptions, "base-rl") { PadTokenId = padId };

        // Before: the base itself (from its frozen copy, so a resumed run gives the same numbers).
        var targetsBefore = await Evaluate(basePolicy, greedySampling, plan.HeldOut, episodeOptions, runDir, "base", progress, cancellationToken).ConfigureAwait(false);
        var generalBefore = await Evaluate(basePolicy, greedySampling, generalTasks, episodeOptions, runDir, "general base", progress, cancellationToken).ConfigureAwait(false);

        var run = new PhasedRun(runDir, [new RunPhase(MetricNames.RlPhase, string.Create(CultureInfo.InvariantCulture,
            $"base={Path.GetFullPath(baseDirectory)}; algorithm={options.Algorithm}; episodes={options.RlEpisodesPerIteration}; prompts={options.RlPromptsPerIteration}; " +
            $"group={options.RlGroupSize}; lr={options.RlLearningRate:R}; temperature={options.RlTemperature:R}; max new tokens={options.MaxNewTokens}; max turns={options.MaxTurns}"))], progress);
        var sampler = new TorchPolicy(model, tokenizer, template, promptOptions, "base-rl") { PadTokenId = padId, MaxBatchSize = options.RlPromptsPerIteration * options.RlGroupSize };
        var rlClock = Stopwatch.StartNew();
        LoopResult rl;
        using (var process = new PrefixGrpoProcess(options, greedy, greedySampling, sampler, reference, plan.Train, episodeOptions with { SolveRule = SolveRule.Strict }, baseCopy, progress))
            rl = (await run.RunAsync(MetricNames.RlPhase, EmbeddedDefaultPhases.RlLoop(options), process, null, ProgressDisplay.Plain(progress, everyPercent: 100), cancellationToken).ConfigureAwait(false))!;
        rlClock.Stop();
        string finalDir = Path.Combine(runDir, "model-final");
        ModelSaver.Save(model, finalDir, copyFrom: baseCopy, chatOptions: promptOptions);

        var targetsAfter = await Evaluate(greedy, greedySampling, plan.HeldOut, episodeOptions, runDir, "after RL", progress, cancellationToken).ConfigureAwait(false);
        var generalAfter = await Evaluate(greedy, greedySampling, generalTasks, episodeOptions, runDir, "general after RL", progress, cancellationToken).ConfigureAwait(false);
        var changes = ParameterChangeAnalysis.CompareCheckpoints(baseCopy, finalDir);
        ParameterChangeAnalysis.WriteReport(changes, Path.Combine(runDir, "parameter-change.md"), Path.Combine(runDir, "parameter-change.png"));
        clock.Stop();

        var records = MetricsLog.Read(Path.Combine(runDir, "metrics.jsonl"));
        var result = new BaseRlResult(options.Seed, runDir, Path.GetFullPath(baseDirectory), plan.Train.Length, plan.HeldOut.Length, generalTasks.Count,
            targetsBefore, targetsAfter, generalBefore, generalAfter, records.Where(r => r.Phase == MetricNames.RlPhase).Select(RlUpdateMetrics.StatsOf).ToList(),
            changes, rl.StepsRun, rlClock.Elapsed, clock.Elapsed);
        BaseRlReport.Write(result, options, runDir);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done in {clock.Elapsed.TotalSeconds:F0} s: targets held-out Solve-F1 {targetsBefore.Overall.SolveF1:F2} (base) → {targetsAfter.Overall.SolveF1:F2} (after RL); " +
            $"general {generalBefore.Overall.SolveF1:F2} → {generalAfter.Overall.SolveF1:F2}; report {Path.Combine(runDir, "report.md")}"));
        return result;
    }

    private static Task<EvaluationReport> Evaluate(IPolicy policy, PolicySampling sampling, IReadOnlyList<Rollouts.EpisodeTask> tasks, EpisodeOptions options,
        string runDir, string label, TextWriter progress, CancellationToken cancellationToken) =>
        new HeldOutEvaluation(policy, sampling, tasks, options, runDir, progress, _ => label).EvaluateReportAsync(0, cancellationToken);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }
}
