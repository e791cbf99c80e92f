using System.Globalization;
using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// The checkpoints of one run under <c>&lt;run&gt;/checkpoints/step-000123/</c>. A checkpoint is written into a
/// hidden temp folder (<c>.tmp-step-…</c>) — weights and optimizer state by the caller, then
/// <c>training_state.json</c> last — and renamed into place, so a folder named <c>step-N</c> is always complete.
/// A kill mid-write leaves only a temp folder, which <see cref="RemoveIncomplete"/> deletes on resume. Pruning
/// renames a checkpoint to <c>.deleting-…</c> before deleting it, so a kill mid-prune never leaves a torn
/// <c>step-N</c> folder, only a leftover that the next start deletes.
/// </summary>
public sealed class RunCheckpointStore
{
    private const string Prefix = "step-";
    private const string TempPrefix = ".tmp-";
    private const string DeletingPrefix = ".deleting-";

    /// <summary>Uses <c>&lt;runDirectory&gt;/checkpoints</c>.</summary>
    public RunCheckpointStore(string runDirectory)
    {
        Root = Path.Combine(Path.GetFullPath(runDirectory), "checkpoints");
    }

    /// <summary>Uses <c>&lt;runDirectory&gt;/checkpoints/&lt;phase&gt;</c> (one phase of a <see cref="PhasedRun"/>).</summary>
    internal RunCheckpointStore(string runDirectory, string phase)
    {
        Root = Path.Combine(Path.GetFullPath(runDirectory), "checkpoints", phase);
    }

    /// <summary>The checkpoints folder.</summary>
    public string Root { get; }

    /// <summary>The folder a step's checkpoint lives in.</summary>
    public string PathFor(int step) => Path.Combine(Root, Prefix + step.ToString("D6", CultureInfo.InvariantCulture));

    /// <summary>
    /// Writes a checkpoint atomically. <paramref name="writeContents"/> fills the (temp) folder it is given —
    /// model weights, optimizer state; the training state is written after it. Keeps the newest
    /// <paramref name="keep"/> checkpoints (0 keeps all). Returns the final folder.
    /// </summary>
    public string Save(TrainingState state, Action<string> writeContents, int keep = 0)
    {
        Directory.CreateDirectory(Root);
        var final = PathFor(state.Step);
        var temp = Path.Combine(Root, TempPrefix + Path.GetFileName(final) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temp);
        try
        {
            writeContents(temp);
            var stamped = state with { WrittenAtUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
            AtomicFile.WriteAllText(Path.Combine(temp, TrainingState.FileName), stamped.ToJson());
            if (Directory.Exists(final))
            {
                // Re-saving a step (after a resume): move the old one aside first so a complete copy always exists.
                var old = Path.Combine(Root, TempPrefix + "old-" + Path.GetFileName(final) + "-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.Move(final, old);
                Directory.Move(temp, final);
                Directory.Delete(old, recursive: true);
            }
            else
                Directory.Move(temp, final);
        }
        catch
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
            throw;
        }
        if (keep > 0)
            foreach (var stale in Complete().SkipLast(keep))
                Delete(stale.Path);
        return final;
    }

    /// <summary>Renames <paramref name="checkpoint"/> out of the <c>step-N</c> namespace first, then deletes it.</summary>
    private void Delete(string checkpoint)
    {
        var doomed = Path.Combine(Root, DeletingPrefix + Path.GetFileName(checkpoint) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.Move(checkpoint, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public IReadOnlyList<(int Step, string Path)> Complete()
    {
        if (!Directory.Exists(Root))
            return [];
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
                && File.Exists(System.IO.Path.Combine(dir, TrainingState.FileName)))
                found.Add((step, dir));
        }
        return found.OrderBy(f => f.Item1).ToArray();
    }

    /// <summary>The newest complete checkpoint and its state, or null when the run has none.</summary>
    public (string Path, TrainingState State)? Latest()
    {
        var complete = Complete();
        if (complete.Count == 0)
            return null;
        var (_, path) = complete[^1];
        return (path, TrainingState.Load(System.IO.Path.Combine(path, TrainingState.FileName)));
    }

    /// <summary>Deletes temp folders left by a write or a prune that was killed; returns how many. The caller holds
    /// the run folder's lock (<see cref="RunFolderLock"/>), so no other writer is using them.</summary>
    public int RemoveIncomplete()
    {
        if (!Directory.Exists(Root))
            return 0;
        var stale = Directory.EnumerateDirectories(Root, TempPrefix + "*")
            .Concat(Directory.EnumerateDirectories(Root, DeletingPrefix + "*")).ToArray();
        foreach (var dir in stale)
            Directory.Delete(dir, recursive: true);
        return stale.Length;
    }
}
