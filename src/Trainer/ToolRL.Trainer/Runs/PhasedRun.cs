using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>One phase of a <see cref="PhasedRun"/>: its name (metrics phase and checkpoint folder) and everything its
/// steps depend on, as text (a change starts the phase again).</summary>
internal sealed record RunPhase(string Name, string Settings);

/// <summary>
/// A run made of phases in a fixed order on one run folder (the embedded job: short-context SFT, SFT, RL; the
/// <c>sft</c> command: SFT), each a <see cref="ResumableTrainingLoop"/> with its checkpoints under
/// <c>checkpoints/&lt;phase&gt;/</c>, all logging to the one <c>metrics.jsonl</c> and <c>tensorboard/</c>. A rerun
/// resumes the last phase that has a checkpoint, from its newest one, and skips the phases before it: that checkpoint
/// holds the model they made. A phase whose settings changed starts again, and so does every phase after it, since
/// each starts from the model the one before left.
/// </summary>
internal sealed class PhasedRun
{
    private const string SettingsFile = "settings.txt";
    private readonly string _runDirectory;
    private readonly IReadOnlyList<RunPhase> _phases;
    private readonly int _resumeAt;
    private int _next;
    private int _records;

    /// <summary>Checks each phase's recorded settings (dropping the checkpoints of a changed phase and of those after
    /// it, with a line to <paramref name="progress"/>) and records the new ones. The caller holds the folder's lock.</summary>
    public PhasedRun(string runDirectory, IReadOnlyList<RunPhase> phases, TextWriter progress)
    {
        _runDirectory = Path.GetFullPath(runDirectory);
        _phases = phases;
        var changed = false;
        foreach (var phase in phases)
        {
            var store = Store(phase.Name);
            var path = Path.Combine(store.Root, SettingsFile);
            var earlier = File.Exists(path) ? File.ReadAllText(path) : null;
            if (!changed && earlier != phase.Settings && (earlier is not null || store.Complete().Count > 0))
            {
                changed = true;
                progress.WriteLine($"{phase.Name}: {store.Root} was written with other settings; {phase.Name} and the phases after it start again");
            }
            if (changed && Directory.Exists(store.Root))
                Directory.Delete(store.Root, recursive: true);
            Directory.CreateDirectory(store.Root);
            AtomicFile.WriteAllText(path, phase.Settings);
        }
        _resumeAt = Enumerable.Range(0, phases.Count).LastOrDefault(i => Store(phases[i].Name).Complete().Count > 0, -1);
        // Nothing to resume: an earlier attempt's TensorBoard events would show beside the new ones.
        var tensorBoard = Path.Combine(_runDirectory, "tensorboard");
        if (_resumeAt < 0 && Directory.Exists(tensorBoard))
            Directory.Delete(tensorBoard, recursive: true);
    }

    /// <summary>The checkpoints of <paramref name="phase"/>.</summary>
    public RunCheckpointStore Store(string phase) => new(_runDirectory, phase);

    /// <summary>Whether <paramref name="runDirectory"/> holds a checkpoint of any phase (work a fingerprint protects).</summary>
    public static bool HasCheckpoints(string runDirectory) => Newest(runDirectory) is not null;

    /// <summary>The most recently written checkpoint of any phase, or null.</summary>
    public static (string Phase, string Path, TrainingState State)? Newest(string runDirectory)
    {
        var root = Path.Combine(Path.GetFullPath(runDirectory), "checkpoints");
        if (!Directory.Exists(root))
            return null;
        return Directory.EnumerateDirectories(root)
            .Select(dir => (Phase: Path.GetFileName(dir), Latest: new RunCheckpointStore(runDirectory, Path.GetFileName(dir)).Latest()))
            .Where(p => p.Latest is not null)
            .Select(p => (p.Phase, p.Latest!.Value.Path, p.Latest.Value.State))
            .OrderBy(p => p.State.WrittenAtUtc, StringComparer.Ordinal)
            .Cast<(string, string, TrainingState)?>()
            .LastOrDefault();
    }

    /// <summary>
    /// Runs (or resumes) the next phase, <paramref name="phase"/>, to <see cref="TrainingLoopOptions.Steps"/>; returns null
    /// without running it when a later phase already has a checkpoint (this phase ended in an earlier process).
    /// </summary>
    public async Task<LoopResult?> RunAsync(string phase, TrainingLoopOptions loop, ITrainingProcess process, ITrainingEvaluation? evaluation,
        ProgressDisplay progress, CancellationToken cancellationToken)
    {
        var index = _next++;
        if (index >= _phases.Count || _phases[index].Name != phase)
            throw new InvalidOperationException($"Phase '{phase}' is not the next of this run ({(index < _phases.Count ? _phases[index].Name : "none left")}).");
        if (index < _resumeAt)
            return null;
        var phaseLoop = new ResumableTrainingLoop(loop with { OutputDir = _runDirectory }, progress, phase, Store(phase))
        {
            RecordsBefore = _records, CallerHoldsLock = true,
        };
        var result = await phaseLoop.RunAsync(process, evaluation, cancellationToken).ConfigureAwait(false);
        _records = result.Records;
        return result;
    }
}
