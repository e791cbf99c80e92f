namespace ToolRL.Trainer.Runs;

/// <summary>
/// The schedule a <see cref="ResumableTrainingLoop"/> runs: where, how many steps, the run seed each step's
/// <see cref="StepContext"/> carries, and when it checkpoints and evaluates. What the steps do is the
/// <see cref="ITrainingProcess"/>'s; an RL run's settings make these with <c>RunConfig.ToLoopOptions()</c>.
/// </summary>
public sealed record TrainingLoopOptions
{
    /// <summary>The run folder: checkpoints, metrics, TensorBoard events.</summary>
    public required string OutputDir { get; init; }
    /// <summary>Training steps.</summary>
    public int Steps { get; init; }
    /// <summary>The run seed, handed to every step (<see cref="StepContext.Seed"/>) and kept in each checkpoint.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Write a checkpoint every this many steps (and at the end).</summary>
    public int CheckpointInterval { get; init; } = 5;
    /// <summary>Complete checkpoints kept; older ones are deleted (0 keeps all).</summary>
    public int KeepCheckpoints { get; init; } = 2;
    /// <summary>Evaluate every this many steps (0: only before and after).</summary>
    public int EvalInterval { get; init; }
    /// <summary>
    /// The run's whole configuration as JSON, which a standalone loop saves as <c>config.json</c> in the run folder
    /// (a phase of a phased run saves none: the phased run records its settings); null saves none.
    /// </summary>
    public string? ConfigJson { get; init; }

    /// <summary>Throws a <see cref="RunConfigException"/> with every problem found, each naming the setting.</summary>
    public TrainingLoopOptions Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
            throw new RunConfigException("Invalid training loop settings:" + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", problems));
        return this;
    }

    /// <summary>What is wrong, each naming the setting by its run-config key.</summary>
    internal IEnumerable<string> Problems()
    {
        if (Steps < 0) yield return $"steps must be ≥ 0 (got {Steps}).";
        if (CheckpointInterval < 1) yield return $"checkpointInterval must be ≥ 1 (got {CheckpointInterval}).";
        if (KeepCheckpoints < 0) yield return $"keepCheckpoints must be ≥ 0 (got {KeepCheckpoints}).";
        if (EvalInterval < 0) yield return $"evalInterval must be ≥ 0 (got {EvalInterval}).";
        if (string.IsNullOrWhiteSpace(OutputDir)) yield return "outputDir must not be empty.";
    }
}
