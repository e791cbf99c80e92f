using ToolRL.Construction.Procedural;
using ToolRL.Tasks;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Base;

/// <summary>
/// The recipe of the generalist tool-use base (issue 15): a tiny Qwen3 over the generic Qwen3 vocabulary, trained by
/// SFT on golden trajectories of a procedural universe that shares nothing with the target environments.
/// </summary>
internal sealed record GeneralistBaseOptions
{
    /// <summary>Seed of the weights, the SFT order and the universe's train/held-out split.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The run folder (report, metrics, checkpoints, the model); created if missing.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("runs", "generalist-base");

    /// <summary>
    /// The universe trained on. Many small scenarios rather than a few large ones: the base must learn to read tools
    /// it has not seen, so what matters is the number of distinct toolsets, not the tasks per toolset.
    /// </summary>
    public ProceduralOptions Universe { get; init; } = new()
    {
        Scenarios = 320,
        KindsPerScenario = 4,
        ToolsPerScenario = 4,
        Composition = new() { SingleHop = 4, ParallelSingleHop = 4, MultiHop = 4, ParallelMultiHop = 4, MaxConsecutiveFailures = 300 },
    };

    /// <summary>Fraction of the universe's questions held out (the general-capability evaluation set).</summary>
    public double HeldOutFraction { get; init; } = TaskSplit.DefaultHeldOutFraction;

    /// <summary>Model dimensions (the vocabulary size is set from the tokenizer).</summary>
    public TinyModelSizes Model { get; init; } = new() { HiddenSize = 128, IntermediateSize = 384, Layers = 3, Heads = 4, KeyValueHeads = 2, HeadDim = 32, RopeTheta = 10_000, InitStd = 0.02 };

    /// <summary>SFT optimizer steps.</summary>
    public int Steps { get; init; } = 2400;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 24;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Warm-up, then cosine decay.</summary>
    public LearningRateSchedule Schedule { get; init; } = new() { WarmupSteps = 50, FinalFraction = 0.05 };

    /// <summary>Evaluate every this many steps (0: only at the end).</summary>
    public int EvalInterval { get; init; } = 500;

    /// <summary>Held-out universe tasks evaluated (a fixed, even sample: <see cref="GeneralistBaseRecipe.GeneralEvaluationTasks"/>).</summary>
    public int EvalSample { get; init; } = 192;

    /// <summary>Tokens generated per assistant turn at most.</summary>
    public int MaxNewTokens { get; init; } = 96;

    /// <summary>Assistant turns per evaluation episode.</summary>
    public int MaxTurns { get; init; } = 6;

    /// <summary>Torch intra-op threads; 0 = the processor count.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Universe);
        Universe.Validate();
        if (Steps < 1) throw new ArgumentException($"Steps must be at least 1 (got {Steps}).");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1 (got {BatchSize}).");
        if (!(LearningRate > 0)) throw new ArgumentException($"LearningRate must be positive (got {LearningRate}).");
        if (EvalInterval < 0 || EvalSample < 1) throw new ArgumentException("EvalInterval must be ≥ 0 and EvalSample ≥ 1.");
        if (MaxNewTokens < 1 || MaxTurns < 1) throw new ArgumentException("MaxNewTokens and MaxTurns must be ≥ 1.");
        if (!(HeldOutFraction > 0 && HeldOutFraction < 1)) throw new ArgumentException($"HeldOutFraction must be in (0, 1) (got {HeldOutFraction}).");
    }
}
