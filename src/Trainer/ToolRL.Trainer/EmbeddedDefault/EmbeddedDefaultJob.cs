using System.Diagnostics;
using System.Globalization;
using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded default training run (<c>dotnet run -- train</c> with no model): a tiny Qwen3-architecture policy
/// built from scratch over a restricted real Qwen3 vocabulary, then three phases on one <see cref="PhasedRun"/> —
/// SFT on the training tasks' golden trajectories without the tool block, SFT on the full prompts
/// (<see cref="SftTrainingProcess"/>), GRPO on step records from the policy's own episodes (<see cref="PrefixGrpoProcess"/>)
/// with held-out Solve-P/R/F1 after SFT and after RL. Every phase checkpoints and resumes the same way. Writes
/// <c>report.md</c>, <c>metrics.jsonl</c>, <c>tensorboard/</c>, <c>checkpoints/</c>, the split manifest, the tokenizer,
/// the SFT model and the final model to the run folder.
/// </summary>
public static class EmbeddedDefaultJob
{
    /// <summary>Runs (or resumes) the job over <paramref name="environments"/>; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<EmbeddedDefaultResult> RunAsync(
        EmbeddedDefaultOptions options, IReadOnlyList<IToolEnvironment> environments, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(progress);
        options.Validate();
        var clock = Stopwatch.StartNew();
        using var start = RunStart.Begin(options.Threads, options.Seed, options.OutputDirectory); // one writer per run folder
        string runDir = start.RunDirectory;
        options = options with { OutputDirectory = runDir };
        var template = Qwen3ChatTemplate.Instance;
        // Evaluation scores with the reference rule (comparable with the paper, strict beside it); the RL reward with
        // the strict one, so the policy cannot earn reward from error texts that echo its own arguments.
        var episodeOptions = new EpisodeOptions { MaxTurns = options.MaxTurns };

        var plan = EmbeddedDefaultTasks.Plan(options, environments);
        progress.WriteLine($"tasks: {plan.Split.Train.Count} authored + {plan.Composed.Count} composed train; {plan.Split.HeldOut.Count} authored + {plan.HeldOutComposed.Count} composed held out (seed {options.Seed})");
        // A run folder resumes only the run it was made for: same seed, model, tasks and tools.
        var manifest = plan.Manifest();
        RunFingerprint.Of([new("seed", options.Seed.ToString(CultureInfo.InvariantCulture)), new("model", EmbeddedDefaultPhases.ModelText(options.Model))], manifest, environments)
            .CheckAndSave(runDir, hasEarlierWork: PhasedRun.HasCheckpoints(runDir), $"to start fresh, delete '{runDir}' or pass another --out");
        manifest.Save(runDir); // eval --run evaluates exactly these held-out tasks

        var golden = new List<(EpisodeTask Task, IReadOnlyList<ChatMessage> Messages)>();
        var faults = EmbeddedDefaultPhases.Faults(options);
        var faultCounts = Enum.GetValues<TrajectoryFault>().ToDictionary(f => f, _ => 0);
        foreach (var t in plan.Train)
        {
            var (messages, fault) = faults is null
                ? (await GoldenTrajectory.BuildAsync(t.Environment, t.Task, cancellationToken).ConfigureAwait(false), TrajectoryFault.None)
                : await BehaviourTrajectory.BuildAsync(t.Environment, t.Task, faults, options.Seed, cancellationToken).ConfigureAwait(false);
            faultCounts[fault]++;
            golden.Add((t, messages));
        }
        string warmStart = faults is null
            ? $"golden trajectories of the {plan.Train.Length} training tasks"
            : $"an imperfect behaviour policy's trajectories of the {plan.Train.Length} training tasks: golden calls with one injected fault in " +
              $"{faultCounts[TrajectoryFault.RedundantCall]} (a redundant repeated call), {faultCounts[TrajectoryFault.StopAfterFirstHop]} (an answer right after the first hop) and " +
              $"{faultCounts[TrajectoryFault.WrongTool]} (a wrong but plausible tool, repaired in the next turn); {faultCounts[TrajectoryFault.None]} golden";
        progress.WriteLine($"warm-start data: {warmStart}");
        string tokenizerDir = Path.Combine(runDir, "tokenizer");
        var (tokenizer, vocabulary) = await EmbeddedVocabulary.ResolveAsync(options, environments, tokenizerDir, cancellationToken).ConfigureAwait(false);
        int endId = tokenizer.SpecialTokenId("<|im_end|>"), padId = tokenizer.SpecialTokenId("<|endoftext|>");
        progress.WriteLine($"vocabulary: {vocabulary}");
        var run = new PhasedRun(runDir, EmbeddedDefaultPhases.Of(options, tokenizer.VocabularySize, vocabulary), progress);

        string initDir = Path.Combine(runDir, "model-init"), sftDir = Path.Combine(runDir, "model-sft");
        TinyCheckpoint.Write(initDir, ModelFamily.Qwen3, options.Model with { VocabSize = tokenizer.VocabularySize, EosTokenIds = [endId] }, options.Seed);
        using var model = ModelLoader.Load(initDir);
        model.EndTokenIds = [endId];
        progress.WriteLine($"model: Qwen3 {options.Model.Layers} layers, hidden {options.Model.HiddenSize}, {model.parameters().Sum(p => p.numel()):N0} parameters");
        // Thinking off: Qwen3's template then pre-fills an empty think block, as in the SFT conversations. Every
        // checkpoint records it, so a policy loaded from one prompts as the run did.
        var promptOptions = new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false);

        // SFT warm start: a context-length curriculum (no tool block, then the full prompts). A phase a later one's
        // checkpoint covers is skipped; model-sft is written once SFT has ended, as RL's reference.
        var builder = new SftExampleBuilder(tokenizer, template);
        foreach (var (phase, steps, withTools) in new[] { (MetricNames.SftShortPhase, options.ShortContextSftSteps, false), (MetricNames.SftPhase, options.SftSteps, true) })
        {
            var examples = golden.SelectMany(g => builder.Build(g.Task.Task.Id, g.Messages, withTools ? g.Task.Environment.Tools : [])).ToArray();
            progress.WriteLine($"{phase}: {examples.Length} sequences, {examples.Sum(e => e.TokenIds.Length):N0} tokens ({examples.Sum(e => e.TargetTokenCount):N0} assistant), longest {examples.Max(e => e.TokenIds.Length)}");
            using var sft = new SftTrainingProcess(model, examples, EmbeddedDefaultPhases.SftOptions(options, steps, padId), tokenizerDir, promptOptions);
            if (await run.RunAsync(phase, EmbeddedDefaultPhases.SftLoop(options, steps), sft, null, ProgressDisplay.Plain(progress, everyPercent: 10), cancellationToken).ConfigureAwait(false) is not null
                && phase == MetricNames.SftPhase)
                ModelSaver.Save(model, sftDir, copyFrom: tokenizerDir, chatOptions: promptOptions);
        }
        var sftResult = SftResult.Of(MetricsLog.Read(Path.Combine(runDir, "metrics.jsonl")), MetricNames.SftPhase);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sft: {sftResult.Elapsed.TotalSeconds:F0} s, {sftResult.TokensPerSecond:F0} tokens/s"));

        // RL, with the held-out evaluation after SFT (step 0) and after the last step.
        var greedy = new TorchPolicy(model, tokenizer, template, promptOptions, "embedded-default") { PadTokenId = padId };
        var greedySampling = PolicySampling.Greedy with { MaxNewTokens = options.MaxNewTokens };
        var evaluation = new HeldOutEvaluation(greedy, greedySampling, plan.HeldOut, episodeOptions, runDir, progress, step => step == 0 ? "after SFT" : "after RL");
        using var reference = ModelLoader.Load(sftDir);
        reference.eval();
        var sampler = new TorchPolicy(model, tokenizer, template, promptOptions, "embedded-default") { PadTokenId = padId, MaxBatchSize = options.RlPromptsPerIteration * options.RlGroupSize };
        var rlClock = Stopwatch.StartNew();
        LoopResult rl;
        using (var process = new PrefixGrpoProcess(options, greedy, greedySampling, sampler, reference, plan.Train, episodeOptions with { SolveRule = SolveRule.Strict }, tokenizerDir, progress))
            rl = (await run.RunAsync(MetricNames.RlPhase, EmbeddedDefaultPhases.RlLoop(options), process, evaluation, ProgressDisplay.Plain(progress, everyPercent: 100), cancellationToken).ConfigureAwait(false))!;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rl: {rl.StepsRun} iterations in {rlClock.Elapsed.TotalSeconds:F0} s ({rlClock.Elapsed.TotalSeconds / Math.Max(1, rl.StepsRun):F1} s per iteration: episodes, sampling, scoring, update){(rl.ResumedFromStep > 0 ? $", resumed at iteration {rl.ResumedFromStep}" : "")}"));
        // Evaluations the loop did not run in this process (a resumed run's after-SFT one, or both when the run had
        // ended) run again here: greedy, so they give the numbers and traces the earlier process wrote.
        var afterSft = evaluation.Reports.GetValueOrDefault(0)
            ?? await new HeldOutEvaluation(new TorchPolicy(reference, tokenizer, template, promptOptions, "embedded-default") { PadTokenId = padId },
                greedySampling, plan.HeldOut, episodeOptions, runDir, progress, _ => "after SFT").EvaluateReportAsync(0, cancellationToken).ConfigureAwait(false);
        var afterRl = rl.FinalStep == 0 ? afterSft
            : evaluation.Reports.GetValueOrDefault(rl.FinalStep) ?? await evaluation.EvaluateReportAsync(rl.FinalStep, cancellationToken).ConfigureAwait(false);
        if (rl.FinalStep == 0) File.Copy(evaluation.TracesPath(0), evaluation.TracesPath(1), overwrite: true);
        ModelSaver.Save(model, Path.Combine(runDir, "model-final"), copyFrom: tokenizerDir, chatOptions: promptOptions);

        clock.Stop();
        var records = MetricsLog.Read(Path.Combine(runDir, "metrics.jsonl"));
        var shortSft = options.ShortContextSftSteps > 0 ? SftResult.Of(records, MetricNames.SftShortPhase) : null;
        var result = new EmbeddedDefaultResult(options.Seed, runDir, plan.Train.Length, plan.HeldOut.Length, tokenizer.VocabularySize, vocabulary,
            sftResult, afterSft, records.Where(r => r.Phase == MetricNames.RlPhase).Select(RlUpdateMetrics.StatsOf).ToList(), afterRl, clock.Elapsed, shortSft,
            HeldOutSourceScores.BySource(plan, afterSft, afterRl)) { WarmStartData = warmStart };
        EmbeddedDefaultReport.Write(result, options, Path.Combine(runDir, "report.md"));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done in {clock.Elapsed.TotalSeconds:F0} s: held-out Solve-F1 {afterSft.Overall.SolveF1:F2} after SFT → {afterRl.Overall.SolveF1:F2} after RL; report {Path.Combine(runDir, "report.md")}"));
        return result;
    }
}
