using System.Globalization;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Sft;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded job's phases on one <see cref="PhasedRun"/> — short-context SFT, SFT, RL — with what each one's steps
/// depend on (a change starts that phase and the later ones again) and the loop settings of each.
/// </summary>
internal static class EmbeddedDefaultPhases
{
    /// <summary>SFT checkpoints every this many steps (and at the end, and on Ctrl-C).</summary>
    private const int SftCheckpointInterval = 100;

    /// <summary>RL checkpoints every this many iterations (and at the end, and on Ctrl-C).</summary>
    private const int RlCheckpointInterval = 5;

    /// <summary>The phases in order. The vocabulary sits in the first: every phase trains over it.</summary>
    public static RunPhase[] Of(EmbeddedDefaultOptions o, int vocabularySize, string vocabularyDescription) =>
    [
        new(MetricNames.SftShortPhase, Sft(o, o.ShortContextSftSteps) + $"; vocabulary={vocabularySize}: {vocabularyDescription}"),
        new(MetricNames.SftPhase, Sft(o, o.SftSteps)),
        // The iteration count is left out: more iterations continue a run.
        new(MetricNames.RlPhase, string.Create(CultureInfo.InvariantCulture,
            $"algorithm={o.Algorithm}; episodes={o.RlEpisodesPerIteration}; prompts={o.RlPromptsPerIteration}; group={o.RlGroupSize}; lr={o.RlLearningRate:R}; " +
            $"temperature={o.RlTemperature:R}; max new tokens={o.MaxNewTokens}; max turns={o.MaxTurns}")),
    ];

    /// <summary>The tiny model's dimensions as text (the run fingerprint's model).</summary>
    public static string ModelText(TinyModelSizes m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.HiddenSize}/{m.IntermediateSize}/{m.Layers}/{m.Heads}/{m.KeyValueHeads}/{m.HeadDim}/{m.RopeTheta:R}/{m.InitStd:R}/{m.TieWordEmbeddings}");

    /// <summary>An SFT stage's options (both stages share everything but the step count).</summary>
    public static SftOptions SftOptions(EmbeddedDefaultOptions o, int steps, int padTokenId) => new()
    {
        Steps = steps,
        BatchSize = o.SftBatchSize,
        Seed = o.Seed,
        PadTokenId = padTokenId,
        Optimizer = new PolicyOptimizerOptions { LearningRate = o.SftLearningRate, WeightDecay = 0.0, MaxGradNorm = 1.0 },
        Schedule = o.SftSchedule,
    };

    /// <summary>The loop settings of an SFT stage.</summary>
    public static TrainingLoopOptions SftLoop(EmbeddedDefaultOptions o, int steps) =>
        new() { OutputDir = o.OutputDirectory, Steps = steps, Seed = o.Seed, CheckpointInterval = SftCheckpointInterval, KeepCheckpoints = 2 };

    /// <summary>The loop settings of the RL phase.</summary>
    public static TrainingLoopOptions RlLoop(EmbeddedDefaultOptions o) =>
        new() { OutputDir = o.OutputDirectory, Steps = o.RlIterations, Seed = o.Seed, CheckpointInterval = RlCheckpointInterval, KeepCheckpoints = 2 };

    /// <summary>The behaviour policy's faults for the warm-start data, or null for golden trajectories.</summary>
    public static BehaviourFaults? Faults(EmbeddedDefaultOptions o) => o.WarmStartFaultShare <= 0 ? null : new BehaviourFaults
    {
        RedundantCall = o.WarmStartFaultShare / 3, StopAfterFirstHop = o.WarmStartFaultShare / 3, WrongTool = o.WarmStartFaultShare / 3,
    };

    // The fault share is named only when set, so golden runs keep the settings text (and resume) of before.
    private static string Sft(EmbeddedDefaultOptions o, int steps) => string.Create(CultureInfo.InvariantCulture,
        $"steps={steps}; batch={o.SftBatchSize}; lr={o.SftLearningRate:R}; warmup={o.SftSchedule.WarmupSteps}; final={o.SftSchedule.FinalFraction:R}; seed={o.Seed}") +
        (o.WarmStartFaultShare > 0 ? string.Create(CultureInfo.InvariantCulture, $"; behaviour faults={o.WarmStartFaultShare:R}") : "");
}
