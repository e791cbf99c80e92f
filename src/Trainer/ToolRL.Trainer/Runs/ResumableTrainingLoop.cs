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
public sealed record LoopResult(int ResumedFromStep, int StepsRun, int FinalStep, string MetricsPath);

/// <summary>
/// Drives a run folder: resumes from the newest complete checkpoint (dropping metric records written after it),
/// runs the remaining steps, logs each step's metrics to <c>metrics.jsonl</c> and TensorBoard, and checkpoints
/// every <see cref="RunConfig.CheckpointInterval"/> steps and at the end. Killing the process at any point and
/// running again completes the same steps with no lost or duplicated records.
/// </summary>
public sealed class ResumableTrainingLoop
{
    private readonly RunConfig _config;
    private readonly ProgressDisplay _progress;

    /// <summary>Creates the loop for the run folder <see cref="RunConfig.OutputDir"/>.</summary>
    public ResumableTrainingLoop(RunConfig config, ProgressDisplay? progress = null)
    {
        _config = config.Validate();
        _progress = progress ?? ProgressDisplay.ForConsole();
        RunDirectory = Path.GetFullPath(config.OutputDir);
        Checkpoints = new RunCheckpointStore(RunDirectory);
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The run's checkpoints.</summary>
    public RunCheckpointStore Checkpoints { get; }

    /// <summary>
    /// Records of work done before the loop's steps (the embedded job's SFT), written first in a fresh run's log;
    /// a resumed run keeps them with the rest of the checkpoint's records.
    /// </summary>
    internal IReadOnlyList<StepMetrics> RecordsBeforeSteps { get; init; } = [];

    /// <summary>The caller already holds the run folder's <see cref="RunFolderLock"/> (the loop then takes none).</summary>
    internal bool CallerHoldsLock { get; init; }

    /// <summary>The metrics file.</summary>
    public string MetricsPath => Path.Combine(RunDirectory, "metrics.jsonl");

    /// <summary>The TensorBoard folder.</summary>
    public string TensorBoardDirectory => Path.Combine(RunDirectory, "tensorboard");

    /// <summary>
    /// Runs (or resumes) the loop to <see cref="RunConfig.Steps"/>. When <paramref name="cancellationToken"/> is
    /// cancelled, the running step is abandoned, a checkpoint of the last completed step is saved (unless one is
    /// already), and <see cref="OperationCanceledException"/> is thrown: running again resumes from there.
    /// </summary>
    public Task<LoopResult> RunAsync(ITrainingProcess process, CancellationToken cancellationToken = default) =>
        RunAsync(process, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(ITrainingProcess, CancellationToken)"/>, calling <paramref name="evaluation"/> before the
    /// first step of a fresh run, every <see cref="RunConfig.EvalInterval"/> steps and after the last step.
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
        else if (File.Exists(MetricsPath))
            MetricsLog.TruncateTo(MetricsPath, 0);
        _config.Save(Path.Combine(RunDirectory, "config.json"));

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
            await _progress.RunAsync("train", _config.Steps, async task =>
            {
                if (startStep > 0)
                    task.Advance(startStep, $"resumed at step {startStep}");
                else
                {
                    Log(RecordsBeforeSteps);
                    if (evaluation is not null)
                        Log(await evaluation.EvaluateAsync(0, cancellationToken).ConfigureAwait(false));
                }
                for (var step = startStep + 1; step <= _config.Steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var outcome = await process.RunStepAsync(new StepContext(step, cursor, _config.Seed), cancellationToken).ConfigureAwait(false);
                    cursor = outcome.NextDataCursor;
                    // A step with no metrics made no update (nothing to learn from): it logs no record.
                    if (outcome.Metrics.Count > 0)
                        Log([new StepMetrics(step, MetricNames.RlPhase, outcome.Metrics)]);
                    Log(outcome.ExtraRecords ?? []);
                    if (evaluation is not null && (step == _config.Steps || (_config.EvalInterval > 0 && step % _config.EvalInterval == 0)))
                        Log(await evaluation.EvaluateAsync(step, cancellationToken).ConfigureAwait(false));
                    stepsRun++;
                    var state = new TrainingState
                    {
                        Step = step, DataCursor = cursor, Seed = _config.Seed,
                        TorchRngState = TorchRng.Capture(), MetricRecords = metrics.Count,
                    };
                    unsaved = state;
                    if (step % _config.CheckpointInterval == 0 || step == _config.Steps)
                    {
                        Checkpoints.Save(state, process.SaveCheckpoint, _config.KeepCheckpoints);
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
                Checkpoints.Save(unsaved, process.SaveCheckpoint, _config.KeepCheckpoints);
            throw;
        }
        return new LoopResult(startStep, stepsRun, Math.Max(startStep, _config.Steps), MetricsPath);
    }

    private static string Summary(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(" ", metrics.Take(4).Select(kv => $"{kv.Key}={RunReport.Format(kv.Value)}"));
}
