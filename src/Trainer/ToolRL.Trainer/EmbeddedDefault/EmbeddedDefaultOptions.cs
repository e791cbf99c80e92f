using ToolRL.Tasks;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Rl;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>Settings of the embedded default job (tiny Qwen3 from scratch → SFT → eval → GRPO → eval).</summary>
public sealed record EmbeddedDefaultOptions
{
    /// <summary>Seed of the split (<see cref="TaskSplit.DefaultSeed"/>), the weights, the SFT order, sampling and RL prompt choice.</summary>
    public int Seed { get; init; } = TaskSplit.DefaultSeed;

    /// <summary>The run folder (report, metrics, tokenizer, checkpoints); created if missing.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("runs", "embedded-default");

    /// <summary>
    /// Folder of the full Qwen3 tokenizer.json, restricted at run time to this run's texts; null (the default) = use
    /// a committed vocabulary (see <see cref="EmbeddedVocabulary"/>), the same on every machine.
    /// </summary>
    public string? TokenizerDirectory { get; init; }

    /// <summary>
    /// Folder of a committed, already restricted tokenizer to use as it is; null = the app's
    /// <see cref="EmbeddedVocabulary.ProjectFolder"/> when it ships one, else the generic vocabulary.
    /// </summary>
    public string? VocabularyDirectory { get; init; }

    /// <summary>Fraction of questions held out by the split rule (<see cref="TaskSplit"/>); the rest are trained on.</summary>
    public double HeldOutFraction { get; init; } = TaskSplit.DefaultHeldOutFraction;

    /// <summary>
    /// Training tasks composed per structure and environment by the construction TaskComposer (added to the authored
    /// training tasks; only questions the split rule puts in training are kept); 0 = authored tasks only.
    /// </summary>
    public int ComposedTasksPerStructure { get; init; } = 60;

    /// <summary>
    /// Held-out tasks composed per structure and environment besides the authored held-out tasks, with another seed;
    /// only questions the split rule holds out are kept. The paper's own test set is
    /// built by its construction pipeline in the same way; the 21 authored held-out tasks alone move 4.8 Solve-F1
    /// points per task, too coarse to compare two checkpoints. 0 = authored held-out tasks only.
    /// </summary>
    public int HeldOutComposedTasksPerStructure { get; init; } = 8;

    /// <summary>
    /// Model dimensions (the vocabulary size is set from the restricted tokenizer). RoPE base 10 000 rather than
    /// Qwen3's 1 000 000: with 32-dimensional heads and prompts of ~1 000 tokens the larger base leaves almost no
    /// rotation at short distances, and the tiny model then cannot tell which JSON key it has just written.
    /// </summary>
    public TinyModelSizes Model { get; init; } = new() { HiddenSize = 128, IntermediateSize = 384, Layers = 2, Heads = 4, KeyValueHeads = 2, HeadDim = 32, RopeTheta = 10_000, InitStd = 0.02 };

    /// <summary>
    /// SFT steps on the golden conversations rendered without the tool block, before <see cref="SftSteps"/> on the
    /// full prompts: a context-length curriculum. In a ~60-token context the tiny model learns to read the question;
    /// behind the ~800-token tool block it otherwise learns the format but not which call the question asks for.
    /// </summary>
    public int ShortContextSftSteps { get; init; } = 300;

    /// <summary>
    /// Share of training tasks whose warm-start trajectory comes from an imperfect behaviour policy instead of the golden
    /// one (issue 15's second design): a redundant repeated call, a stop after the first hop, or a wrong but plausible
    /// tool repaired in the next turn, a third each (<see cref="Sft.BehaviourTrajectory"/>). 0 (the default) = golden.
    /// </summary>
    public double WarmStartFaultShare { get; init; }

    /// <summary>SFT optimizer steps.</summary>
    public int SftSteps { get; init; } = 800;

    /// <summary>SFT sequences per step.</summary>
    public int SftBatchSize { get; init; } = 24;

    /// <summary>SFT learning rate.</summary>
    public double SftLearningRate { get; init; } = 3e-3;

    /// <summary>SFT learning-rate schedule: warm-up, then cosine decay (a short run ends at a low rate).</summary>
    public LearningRateSchedule SftSchedule { get; init; } = new() { WarmupSteps = 20, FinalFraction = 0.05 };

    /// <summary>GRPO iterations (one RL update each).</summary>
    public int RlIterations { get; init; } = 20;

    /// <summary>
    /// Training tasks the current policy (greedy) runs per iteration; the step records are the prefixes of those
    /// episodes (the question, then the conversation after each turn with tool calls), as the paper collects
    /// trajectories: RL then trains on the states the policy reaches itself, its mistakes included.
    /// </summary>
    public int RlEpisodesPerIteration { get; init; } = 6;

    /// <summary>Step records (RL prompts) per iteration, drawn from that iteration's episodes.</summary>
    public int RlPromptsPerIteration { get; init; } = 12;

    /// <summary>Sampled responses per prompt (the GRPO group).</summary>
    public int RlGroupSize { get; init; } = 8;

    /// <summary>RL learning rate (the paper's 1e-6 is for 7B models; a tiny model from scratch needs more).</summary>
    public double RlLearningRate { get; init; } = 1e-4;

    /// <summary>Sampling temperature for rollouts.</summary>
    public double RlTemperature { get; init; } = 1.0;

    /// <summary>RL algorithm.</summary>
    public RlAlgorithm Algorithm { get; init; } = RlAlgorithm.Grpo;

    /// <summary>Tokens generated per assistant turn at most.</summary>
    public int MaxNewTokens { get; init; } = 96;

    /// <summary>Assistant turns per evaluation episode.</summary>
    public int MaxTurns { get; init; } = 6;

    /// <summary>Torch intra-op threads; 0 = the processor count.</summary>
    public int Threads { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (ShortContextSftSteps < 0) throw new ArgumentOutOfRangeException(nameof(ShortContextSftSteps), ShortContextSftSteps, "ShortContextSftSteps must be ≥ 0.");
        if (SftSteps < 0 || SftBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(SftSteps), "SFT steps must be ≥ 0 and the batch ≥ 1.");
        if (RlIterations < 0 || RlPromptsPerIteration < 1 || RlGroupSize < 2)
            throw new ArgumentOutOfRangeException(nameof(RlIterations), "RL iterations must be ≥ 0, prompts per iteration ≥ 1 and the group size ≥ 2.");
        if (MaxNewTokens < 1 || MaxTurns < 1) throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), "MaxNewTokens and MaxTurns must be ≥ 1.");
        if (!(WarmStartFaultShare >= 0 && WarmStartFaultShare <= 1)) throw new ArgumentOutOfRangeException(nameof(WarmStartFaultShare), WarmStartFaultShare, "WarmStartFaultShare must be in [0, 1].");
        if (ComposedTasksPerStructure < 0) throw new ArgumentOutOfRangeException(nameof(ComposedTasksPerStructure), ComposedTasksPerStructure, "ComposedTasksPerStructure must be ≥ 0.");
        if (HeldOutComposedTasksPerStructure < 0)
            throw new ArgumentOutOfRangeException(nameof(HeldOutComposedTasksPerStructure), HeldOutComposedTasksPerStructure, "HeldOutComposedTasksPerStructure must be ≥ 0.");
        if (RlEpisodesPerIteration < 1) throw new ArgumentOutOfRangeException(nameof(RlEpisodesPerIteration), RlEpisodesPerIteration, "RlEpisodesPerIteration must be ≥ 1.");
        if (!(HeldOutFraction > 0 && HeldOutFraction < 1)) throw new ArgumentOutOfRangeException(nameof(HeldOutFraction), HeldOutFraction, "HeldOutFraction must be in (0, 1).");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be ≥ 0.");
    }
}
