using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>Where a step starts: its number (1-based), the data cursor and the run seed.</summary>
public readonly record struct StepContext(int Step, long DataCursor, int Seed)
{
    /// <summary>A seed for one purpose at this step (<see cref="TorchRng.StepSeed"/>).</summary>
    public int SeedFor(int stream) => TorchRng.StepSeed(Seed, Step, stream);
}

/// <summary>What a step produced: its train metrics, where the data cursor moved, and any extra records (e.g. eval).</summary>
public sealed record TrainingStepOutcome(IReadOnlyDictionary<string, double> Metrics, long NextDataCursor, IReadOnlyList<StepMetrics>? ExtraRecords = null);

/// <summary>The part of training the loop drives: one step, and saving/loading everything a resume needs.</summary>
public interface ITrainingProcess
{
    /// <summary>
    /// Runs one training step. On cancellation it throws before the step changes the model (it checks between
    /// generated tokens and before the update), so the state is still that of the previous step.
    /// </summary>
    Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Writes model weights and optimizer state into <paramref name="directory"/> (a temp folder).</summary>
    void SaveCheckpoint(string directory);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote.</summary>
    void LoadCheckpoint(string directory);
}

/// <summary>What a loop run did.</summary>
/// <param name="ResumedFromStep">The checkpoint step it resumed from, or 0 for a fresh start.</param>
/// <param name="StepsRun">Steps run by this invocation.</param>
/// <param name="FinalStep">The last completed step.</param>
/// <param name="MetricsPath">The JSONL file.</param>
/// <param name="Records">Records in the JSONL file when the loop ended (earlier phases' included).</param>
public sealed record LoopResult(int ResumedFromStep, int StepsRun, int FinalStep, string MetricsPath, int Records);

/// <summary>
/// Drives a run folder: resumes from the newest complete checkpoint (dropping metric records written after it),
/// runs the remaining steps, logs each step's metrics to <c>metrics.jsonl</c> and TensorBoard, and checkpoints
/// every <see cref="TrainingLoopOptions.CheckpointInterval"/> steps and at the end. Killing the process at any point and
/// running again completes the same steps with no lost or duplicated records.
/// </summary>
public sealed class ResumableTrainingLoop
{
    private readonly TrainingLoopOptions _options;
    private readonly ProgressDisplay _progress;
    private readonly string? _configJson;

    /// <summary>Creates the loop for the run folder <see cref="TrainingLoopOptions.OutputDir"/>: RL steps, checkpoints
    /// under <c>checkpoints/</c>, <see cref="TrainingLoopOptions.ConfigJson"/> (if any) saved as <c>config.json</c>.</summary>
    public ResumableTrainingLoop(TrainingLoopOptions options, ProgressDisplay? progress = null)
        : this(options, progress, MetricNames.RlPhase, new RunCheckpointStore(Path.GetFullPath(options.Validate().OutputDir)))
    {
        _configJson = options.ConfigJson;
    }

    /// <summary>
    /// A loop for one phase of a <see cref="PhasedRun"/>: its step records are logged under <paramref name="phase"/>,
    /// its checkpoints go to <paramref name="checkpoints"/>, and no <c>config.json</c> is written (the phase's
    /// settings are recorded by the phased run).
    /// </summary>
    internal ResumableTrainingLoop(TrainingLoopOptions options, ProgressDisplay? progress, string phase, RunCheckpointStore checkpoints)
    {
        _options = options.Validate();
        _progress = progress ?? ProgressDisplay.ForConsole();
        RunDirectory = Path.GetFullPath(options.OutputDir);
        Phase = phase;
        Checkpoints = checkpoints;
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The run's checkpoints.</summary>
    public RunCheckpointStore Checkpoints { get; }

    /// <summary>The phase its step records are logged under (<see cref="MetricNames.RlPhase"/> unless a phased run's).</summary>
    internal string Phase { get; }

    /// <summary>
    /// Records of earlier phases at the head of <c>metrics.jsonl</c> that a fresh start keeps (a resumed one keeps
    /// those its checkpoint counts, which include them).
    /// </summary>
    internal int RecordsBefore { get; init; }

    /// <summary>The caller already holds the run folder's <see cref="RunFolderLock"/> (the loop then takes none).</summary>
    internal bool CallerHoldsLock { get; init; }

    /// <summary>The metrics file.</summary>
    public string MetricsPath => Path.Combine(RunDirectory, "metrics.jsonl");

    /// <summary>The TensorBoard folder.</summary>
    public string TensorBoardDirectory => Path.Combine(RunDirectory, "tensorboard");

    /// <summary>
    /// Runs (or resumes) the loop to <see cref="TrainingLoopOptions.Steps"/>. When <paramref name="cancellationToken"/> is
    /// cancelled, the running step is abandoned, a checkpoint of the last completed step is saved (unless one is
    /// already), and <see cref="OperationCanceledException"/> is thrown: running again resumes from there.
    /// </summary>
    public Task<LoopResult> RunAsync(ITrainingProcess process, CancellationToken cancellationToken = default) =>
        RunAsync(process, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(ITrainingProcess, CancellationToken)"/>, calling <paramref name="evaluation"/> before the
    /// first step of a fresh run, every <see cref="TrainingLoopOptions.EvalInterval"/> steps and after the last step.
    /// </summary>
    public async Task<LoopResult> RunAsync(ITrainingProcess process, ITrainingEvaluation? evaluation, CancellationToken cancellationToken)
    {
        using var runLock = CallerHoldsLock ? null : RunFolderLock.Acquire(RunDirectory);
        Checkpoints.RemoveIncomplete();
        var startStep = 0;
        long cursor = 0;
        var latest = Checkpoints.Latest();
        if (latest is { } found)
        {
            process.LoadCheckpoint(found.Path);
            if (found.State.TorchRngState is { } rng)
                TorchRng.Restore(rng);
            startStep = found.State.Step;
            cursor = found.State.DataCursor;
            MetricsLog.TruncateTo(MetricsPath, found.State.MetricRecords);
        }
        else if (File.Exists(MetricsPath) || RecordsBefore > 0)
            MetricsLog.TruncateTo(MetricsPath, RecordsBefore);
        if (_configJson is not null)
            AtomicFile.WriteAllText(Path.Combine(RunDirectory, "config.json"), _configJson);

        var stepsRun = 0;
        using var metrics = new MetricsLog(MetricsPath);
        using var tensorBoard = new TensorBoardLog(TensorBoardDirectory);
        // The state after the last completed step, for a checkpoint if the next one is interrupted.
        TrainingState? unsaved = null;
        void Log(IEnumerable<StepMetrics> records)
        {
            foreach (var r in records)
            {
                metrics.Append(r);
                tensorBoard.Write(r);
            }
        }
        try
        {
            await _progress.RunAsync(Phase == MetricNames.RlPhase ? "train" : Phase, _options.Steps, async task =>
            {
                if (startStep > 0)
                    task.Advance(startStep, $"resumed at step {startStep}");
                else if (evaluation is not null)
                    Log(await evaluation.EvaluateAsync(0, cancellationToken).ConfigureAwait(false));
                for (var step = startStep + 1; step <= _options.Steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var outcome = await process.RunStepAsync(new StepContext(step, cursor, _options.Seed), cancellationToken).ConfigureAwait(false);
                    cursor = outcome.NextDataCursor;
                    // A step with no metrics made no update (nothing to learn from): it logs no record.
                    if (outcome.Metrics.Count > 0)
                        Log([new StepMetrics(step, Phase, outcome.Metrics)]);
                    Log(outcome.ExtraRecords ?? []);
                    if (evaluation is not null && (step == _options.Steps || (_options.EvalInterval > 0 && step % _options.EvalInterval == 0)))
                        Log(await evaluation.EvaluateAsync(step, cancellationToken).ConfigureAwait(false));
                    stepsRun++;
                    var state = new TrainingState
                    {
                        Step = step, DataCursor = cursor, Seed = _options.Seed,
                        TorchRngState = TorchRng.Capture(), MetricRecords = metrics.Count,
                    };
                    unsaved = state;
                    if (step % _options.CheckpointInterval == 0 || step == _options.Steps)
                    {
                        Checkpoints.Save(state, process.SaveCheckpoint, _options.KeepCheckpoints);
                        unsaved = null;
                    }
                    task.Advance(1, Summary(outcome.Metrics));
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Between steps the model and optimizer are consistent: keep the work done so far.
            if (unsaved is not null)
                Checkpoints.Save(unsaved, process.SaveCheckpoint, _options.KeepCheckpoints);
            throw;
        }
        return new LoopResult(startStep, stepsRun, Math.Max(startStep, _options.Steps), MetricsPath, metrics.Count);
    }

    private static string Summary(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(" ", metrics.Take(4).Select(kv => $"{kv.Key}={RunReport.Format(kv.Value)}"));
}
