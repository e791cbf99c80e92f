using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Tests.Runs;

/// <summary>Files are whole or absent, leftovers of killed processes are removed, and one writer owns a run folder.</summary>
public sealed class RunFolderSafetyTests
{
    private const int DeadPid = 99_999_999; // above Linux's pid_max: never a running process

    [Fact]
    public void A_second_run_into_a_locked_folder_gets_an_error_naming_the_owner_pid()
    {
        using var dir = new TempDirectory();
        using (var first = RunFolderLock.Acquire(dir.Path))
        {
            var e = Assert.Throws<RunFolderLockedException>(() => RunFolderLock.Acquire(dir.Path));
            Assert.Equal(Environment.ProcessId, e.OwnerPid);
            Assert.Contains($"process {Environment.ProcessId}", e.Message);
            Assert.Contains(dir.Path, e.Message);
        }
        // Released: the next run takes it.
        using var second = RunFolderLock.Acquire(dir.Path);
    }

    [Fact]
    public async Task A_training_loop_refuses_a_run_folder_that_another_writer_holds()
    {
        using var dir = new TempDirectory();
        using var held = RunFolderLock.Acquire(dir.Path);
        var loop = new ResumableTrainingLoop(new TrainingLoopOptions { OutputDir = dir.Path, Steps = 1 }, ProgressDisplay.Plain(TextWriter.Null));
        await Assert.ThrowsAsync<RunFolderLockedException>(() => loop.RunAsync(new NeverRun()));
        Assert.False(File.Exists(loop.MetricsPath));
    }

    [Fact]
    public void Taking_the_lock_removes_temporary_files_of_dead_processes_and_keeps_live_ones()
    {
        using var dir = new TempDirectory();
        var model = Directory.CreateDirectory(dir["model-sft"]).FullName;
        var stale = Path.Combine(model, $"model.safetensors.tmp-{DeadPid}-0123456789abcdef");
        var live = Path.Combine(model, $"config.json.tmp-{Environment.ProcessId}-0123456789abcdef");
        var partial = dir[$"records.jsonl.tmp-{DeadPid}-00ff"];
        foreach (var f in new[] { stale, live, partial })
            File.WriteAllText(f, "partial");
        using (RunFolderLock.Acquire(dir.Path))
        {
        }
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(partial));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public void Saving_a_model_removes_a_dead_save_s_temporary_weights()
    {
        using var dir = new TempDirectory();
        var target = Directory.CreateDirectory(dir["ckpt"]).FullName;
        var stale = Path.Combine(target, $"model.safetensors.tmp-{DeadPid}-abc");
        File.WriteAllText(stale, "a checkpoint's size of bytes");
        TinyCheckpoint.Write(target, ModelFamily.Qwen2, new TinyModelSizes());
        Assert.False(File.Exists(stale));
        Assert.Empty(Directory.GetFiles(target, "*.tmp-*"));
    }

    [Fact]
    public void Pruning_renames_before_deleting_and_a_killed_prune_s_leftover_is_removed_on_start()
    {
        using var dir = new TempDirectory();
        var store = new RunCheckpointStore(dir.Path);
        for (var step = 1; step <= 3; step++)
            store.Save(new TrainingState { Step = step }, d => File.WriteAllText(Path.Combine(d, "model.bin"), "w"), keep: 2);
        Assert.Equal([2, 3], store.Complete().Select(c => c.Step));
        Assert.Equal(["step-000002", "step-000003"], Directory.GetDirectories(store.Root).Select(Path.GetFileName).Order());

        // What a kill during a prune leaves: a renamed, half-deleted folder — not a torn step-000001.
        var killed = Path.Combine(store.Root, ".deleting-step-000001-0badf00d");
        Directory.CreateDirectory(killed);
        File.WriteAllText(Path.Combine(killed, "model.bin"), "half");
        Assert.Equal([2, 3], store.Complete().Select(c => c.Step));
        Assert.Equal(1, store.RemoveIncomplete());
        Assert.False(Directory.Exists(killed));
    }

    [Fact]
    public void A_trace_write_that_fails_half_way_leaves_the_previous_file_whole()
    {
        using var dir = new TempDirectory();
        var path = dir["heldout.jsonl"];
        File.WriteAllText(path, "{\"task\":\"old\"}\n");
        Assert.ThrowsAny<Exception>(() => EpisodeTraceWriter.Write(path, [null!]));
        Assert.Equal("{\"task\":\"old\"}\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    private sealed class NeverRun : ITrainingProcess
    {
        public Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("must not run");
        public void SaveCheckpoint(string directory) => throw new InvalidOperationException("must not save");
        public void LoadCheckpoint(string directory) => throw new InvalidOperationException("must not load");
    }
}
