using ToolRL.Tasks;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.EmbeddedDefault;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Rollouts;

public sealed class EmbeddedDefaultJobTests
{
    internal static EmbeddedDefaultOptions Tiny(string dir) => new()
    {
        Seed = 4,
        OutputDirectory = dir,
        TokenizerDirectory = TextFixtures.Qwen3Directory,
        Model = new TinyModelSizes { HiddenSize = 32, IntermediateSize = 64, Layers = 1, Heads = 2, KeyValueHeads = 1, HeadDim = 16, InitStd = 0.02 },
        ShortContextSftSteps = 3,
        SftSteps = 4,
        SftBatchSize = 4,
        RlIterations = 2,
        RlEpisodesPerIteration = 2,
        RlPromptsPerIteration = 2,
        RlGroupSize = 2,
        MaxNewTokens = 8,
        MaxTurns = 2,
        ComposedTasksPerStructure = 0,   // the Atlas fake is not a generated scenario (composition is tested in the samples)
        HeldOutComposedTasksPerStructure = 0,
    };

    [Fact]
    public async Task The_job_runs_end_to_end_and_writes_its_run_folder()
    {
        using var dir = new TempDirectory();
        var progress = new StringWriter();
        var env = new AtlasEnvironment();

        var result = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);

        Assert.Equal(env.Tasks.Count, result.TrainTasks + result.HeldOutTasks);
        Assert.Equal(result.HeldOutTasks, result.AfterSft.Overall.Tasks);
        Assert.Equal(result.HeldOutTasks, result.AfterRl.Overall.Tasks);
        var authored = Assert.Single(result.HeldOutBySource!);
        Assert.Equal(("authored", result.HeldOutTasks), (authored.Source, authored.Tasks));
        Assert.Equal(result.AfterRl.Overall.SolveF1, authored.AfterRl.SolveF1, 9);
        Assert.Equal(4, result.Sft.Losses.Count);
        Assert.Equal(2, result.Rl.Count);
        Assert.True(result.VocabularySize < 2000, $"vocabulary {result.VocabularySize} should be restricted");
        Assert.True(File.Exists(Path.Combine(dir.Path, "report.md")));
        Assert.Contains("Held-out evaluation", File.ReadAllText(Path.Combine(dir.Path, "report.md")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "plots", "sft_loss.png")));
        Assert.Contains("plots/sft_loss.png", File.ReadAllText(Path.Combine(dir.Path, "report.md")));
        var records = MetricsLog.Read(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.Equal(4, records.Count(r => r.Phase == "sft"));
        Assert.Equal(3, records.Count(r => r.Phase == "sft_short"));
        Assert.Equal(2, records.Count(r => r.Phase == "rl"));
        Assert.Equal(2, records.Count(r => r.Phase == "eval"));
        Assert.All(records.Where(r => r.Phase is "sft" or "sft_short"), r => Assert.True(r["lr"] > 0 && r["tokens"] > 0 && double.IsFinite(r["grad_norm"])));
        // Every phase checkpoints through the one loop: its final step under checkpoints/<phase>/.
        foreach (var (phase, steps) in new[] { ("sft_short", 3), ("sft", 4), ("rl", 2) })
            Assert.Equal(steps, new RunCheckpointStore(dir.Path, phase).Complete()[^1].Step);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir.Path, "tensorboard"), "events.out.tfevents.*"));
        Assert.True(File.Exists(Path.Combine(dir.Path, "tokenizer", "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "model-final", "model.safetensors")));
        Assert.Contains("held-out Solve-F1", progress.ToString());
        var traces = File.ReadAllLines(Path.Combine(dir.Path, "heldout-after-RL.jsonl"));
        Assert.Equal(result.HeldOutTasks, traces.Length);
        Assert.All(traces, line => Assert.Contains("\"turns\":[{", line));
        // Held-out over time (after SFT = iteration 0, after RL) and the one-sentence verdict on RL.
        Assert.True(File.Exists(Path.Combine(dir.Path, "plots", "heldout_over_time.png")));
        var report = File.ReadAllText(Path.Combine(dir.Path, "report.md"));
        Assert.Contains("**Did RL help?** ", report);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"held-out Solve-F1 went {result.AfterSft.Overall.SolveF1:F2} → {result.AfterRl.Overall.SolveF1:F2}"), report);
    }

    [Fact]
    public async Task Eval_of_the_runs_final_model_reproduces_its_held_out_traces_exactly()
    {
        using var dir = new TempDirectory();
        var env = new AtlasEnvironment();
        var result = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new StringWriter());

        // Every checkpoint folder is self-contained: weights, config, tokenizer, generation config, chat options.
        foreach (var checkpoint in new[] { "model-sft", "model-final" })
        {
            foreach (var file in new[] { "model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json", "generation_config.json", CheckpointChatOptions.FileName })
                Assert.True(File.Exists(Path.Combine(dir.Path, checkpoint, file)), $"{checkpoint}/{file} missing");
            Assert.False(CheckpointChatOptions.Load(Path.Combine(dir.Path, checkpoint))!.EnableThinking);
        }
        var final = Path.Combine(dir.Path, "model-final");

        var tracesPath = Path.Combine(dir.Path, "eval.traces.jsonl");
        var eval = await Cli.CliHarness.RunAsync([env], "eval", "--model", final, "--run", dir.Path, "--max-turns", "2", "--max-new-tokens", "8", "--traces", tracesPath);

        Assert.True(eval.Code == 0, eval.Err);
        Assert.Contains($"evaluating {result.HeldOutTasks} tasks", eval.Out);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir.Path, "heldout-after-RL.jsonl")), File.ReadAllLines(tracesPath));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.AfterRl.Overall.SolveF1:F2}"), eval.Out);

        Assert.False(ToolRL.Trainer.Policies.TorchPolicy.Load(final).TemplateOptions.EnableThinking);

        // --thinking overrides what the checkpoint recorded.
        var thinking = await Cli.CliHarness.RunAsync([env], "eval", "--model", final, "--run", dir.Path, "--thinking", "on", "--max-turns", "1", "--max-new-tokens", "1");
        Assert.True(thinking.Code == 0, thinking.Err);
        var bad = await Cli.CliHarness.RunAsync([env], "eval", "--model", final, "--thinking", "maybe");
        Assert.Equal(2, bad.Code);
    }

    [Fact]
    public async Task A_run_folder_made_for_other_tools_or_tasks_is_not_resumed_and_the_error_says_what_changed()
    {
        using var dir = new TempDirectory();
        var env = new AtlasEnvironment();
        using (var kill = new CancellationTokenSource())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new CancelOnLine("eval after SFT", kill), kill.Token));
        Assert.Equal([4], new RunCheckpointStore(dir.Path, "sft").Complete().Select(c => c.Step));

        var tools = await Assert.ThrowsAsync<RunMismatchException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [AlteredEnvironment.WithRewordedTool(env)], new StringWriter()));
        Assert.Contains("environment 'atlas'", tools.Message);
        Assert.Contains($"delete '{dir.Path}' or pass another --out", tools.Message);
        var tasks = await Assert.ThrowsAsync<RunMismatchException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [new AlteredEnvironment(env, tasks: env.Tasks.Skip(2).ToArray())], new StringWriter()));
        Assert.Contains("tasks: ", tasks.Message);
        Assert.Equal([4], new RunCheckpointStore(dir.Path, "sft").Complete().Select(c => c.Step)); // a refused run must not touch the folder's work

        var progress = new StringWriter();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);
        Assert.Contains("[sft] 4/4 (100%) resumed at step 4", progress.ToString());
    }

    [Fact]
    public async Task Each_sft_stage_has_its_own_step_count_and_zero_skips_it()
    {
        using var dir = new TempDirectory();
        var env = new AtlasEnvironment();

        var result = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { ShortContextSftSteps = 0, SftSteps = 2, RlIterations = 0 }, [env], new StringWriter());

        Assert.Null(result.ShortContextSft);
        Assert.Equal(2, result.Sft.Losses.Count);
        var records = MetricsLog.Read(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.Equal(0, records.Count(r => r.Phase == "sft_short"));
        Assert.Equal(2, records.Count(r => r.Phase == "sft"));
    }

    [Xunit.Theory]
    [Xunit.InlineData("[sft_short] 2/3", "sft_short", 2)] // mid short-context SFT
    [Xunit.InlineData("[sft] 2/4", "sft", 2)]             // mid SFT
    [Xunit.InlineData("eval after SFT", "sft", 4)]        // after SFT, in the evaluation before RL
    public async Task A_run_killed_in_sft_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_run(string killOn, string phase, int step)
    {
        var env = new AtlasEnvironment();
        using var whole = new TempDirectory();
        var uninterrupted = await EmbeddedDefaultJob.RunAsync(Tiny(whole.Path), [env], new StringWriter());

        using var dir = new TempDirectory();
        using (var kill = new CancellationTokenSource())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new CancelOnLine(killOn, kill), kill.Token));
        Assert.Equal(step, new RunCheckpointStore(dir.Path, phase).Complete()[^1].Step);
        Assert.Empty(new RunCheckpointStore(dir.Path, "rl").Complete());
        Assert.False(File.Exists(Path.Combine(dir.Path, "report.md")));

        var progress = new StringWriter();
        var resumed = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);

        Assert.Contains($"[{phase}] {step}/", progress.ToString());
        Assert.Contains($"resumed at step {step}", progress.ToString());
        Assert.Equal(uninterrupted.Sft.Losses, resumed.Sft.Losses);
        Assert.Equal(uninterrupted.ShortContextSft!.Losses, resumed.ShortContextSft!.Losses);
        Assert.Equal(uninterrupted.AfterSft.Overall.SolveF1, resumed.AfterSft.Overall.SolveF1, 9);
        Assert.Equal(uninterrupted.Rl.Select(r => (r.MeanReward, r.Kl, r.Entropy, r.GradNorm)), resumed.Rl.Select(r => (r.MeanReward, r.Kl, r.Entropy, r.GradNorm)));
        Assert.Equal(uninterrupted.AfterRl.Overall.SolveF1, resumed.AfterRl.Overall.SolveF1, 9);
        // The log holds one run's records, not the killed run's plus the resumed run's.
        Assert.Equal(Lines(whole.Path), Lines(dir.Path));
        foreach (var model in new[] { "model-sft", "model-final" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Path, model, "model.safetensors")), File.ReadAllBytes(Path.Combine(dir.Path, model, "model.safetensors")));
    }

    /// <summary>A run's metric records without the wall-clock throughput.</summary>
    private static string[] Lines(string run) => MetricsLog.Read(Path.Combine(run, "metrics.jsonl"))
        .Select(r => new StepMetrics(r.Step, r.Phase, r.Values.Where(kv => kv.Key != "tokens_per_s").ToDictionary()).ToJsonLine()).ToArray();

    [Fact]
    public async Task A_run_killed_mid_rl_resumes_from_its_last_checkpoint_and_ends_as_an_uninterrupted_run()
    {
        var env = new AtlasEnvironment();
        using var whole = new TempDirectory();
        var uninterrupted = await EmbeddedDefaultJob.RunAsync(Tiny(whole.Path), [env], new StringWriter());

        using var dir = new TempDirectory();
        using (var kill = new CancellationTokenSource())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new CancelOnLine("rl 1/", kill), kill.Token));
        Assert.Equal([1], new RunCheckpointStore(dir.Path, "rl").Complete().Select(c => c.Step));
        Assert.False(File.Exists(Path.Combine(dir.Path, "report.md")));

        var progress = new StringWriter();
        var resumed = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);

        Assert.Contains("resumed at iteration 1", progress.ToString());
        Assert.DoesNotContain("rl 1/", progress.ToString());
        Assert.Equal(uninterrupted.Rl.Select(r => (r.MeanReward, r.Kl, r.Entropy, r.GradNorm)), resumed.Rl.Select(r => (r.MeanReward, r.Kl, r.Entropy, r.GradNorm)));
        Assert.Equal(uninterrupted.AfterSft.Overall, resumed.AfterSft.Overall);
        Assert.Equal(uninterrupted.AfterRl.Overall, resumed.AfterRl.Overall);
        Assert.Equal(Lines(whole.Path), Lines(dir.Path));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Path, "model-final", "model.safetensors")), File.ReadAllBytes(Path.Combine(dir.Path, "model-final", "model.safetensors")));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole.Path, "heldout-after-SFT.jsonl")), File.ReadAllLines(Path.Combine(dir.Path, "heldout-after-SFT.jsonl")));

        // Other RL settings: the checkpoints are not resumed.
        var changed = new StringWriter();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { RlLearningRate = 1e-3 }, [env], changed);
        Assert.Contains("was written with other settings; rl and the phases after it start again", changed.ToString());
        Assert.DoesNotContain("resumed at iteration", changed.ToString());
    }

    [Fact]
    public async Task A_changed_phase_setting_starts_that_phase_and_the_later_ones_again_and_says_why()
    {
        var env = new AtlasEnvironment();
        using var dir = new TempDirectory();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new StringWriter());

        var changed = new StringWriter();
        var result = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { SftSteps = 5 }, [env], changed);
        Assert.Contains("was written with other settings; sft and the phases after it start again", changed.ToString());
        Assert.Contains("[sft_short] 3/3 (100%) resumed at step 3", changed.ToString()); // the phase before is kept
        Assert.Contains("[sft] 1/5", changed.ToString()); // sft ran again from its first step
        Assert.DoesNotContain("[sft] 4/5 (80%) resumed", changed.ToString());
        Assert.Equal(5, result.Sft.Losses.Count);
        Assert.Equal([2], new RunCheckpointStore(dir.Path, "rl").Complete().Select(c => c.Step));
        Assert.Contains("steps=5;", File.ReadAllText(Path.Combine(dir.Path, "checkpoints", "sft", "settings.txt")));

        // The first phase changed: everything trains again.
        var first = new StringWriter();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { SftSteps = 5, ShortContextSftSteps = 2 }, [env], first);
        Assert.Contains("sft_short and the phases after it start again", first.ToString());
        Assert.DoesNotContain("resumed at step", first.ToString());
    }

    /// <summary>A progress writer that cancels the run when a line starts with <paramref name="prefix"/> (a kill at that point).</summary>
    private sealed class CancelOnLine(string prefix, CancellationTokenSource source) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal)) source.Cancel();
        }
    }

    [Xunit.Theory]
    [InlineData("RlEpisodesPerIteration")]
    [InlineData("HeldOutComposedTasksPerStructure")]
    [InlineData("ComposedTasksPerStructure")]
    [InlineData("ShortContextSftSteps")]
    public void Out_of_range_options_are_rejected_with_the_option_named(string name)
    {
        var options = name switch
        {
            "RlEpisodesPerIteration" => new EmbeddedDefaultOptions { RlEpisodesPerIteration = 0 },
            "HeldOutComposedTasksPerStructure" => new EmbeddedDefaultOptions { HeldOutComposedTasksPerStructure = -1 },
            "ComposedTasksPerStructure" => new EmbeddedDefaultOptions { ComposedTasksPerStructure = -1 },
            _ => new EmbeddedDefaultOptions { ShortContextSftSteps = -1 },
        };
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, error.ParamName);
        new EmbeddedDefaultOptions().Validate(); // the defaults are valid
    }

    [Fact]
    public void The_split_is_by_question_and_depends_on_neither_the_task_order_nor_the_selection()
    {
        var tasks = EpisodeTask.All([new AtlasEnvironment()]);
        var rule = new TaskSplit(0.3, seed: 11);

        var a = SplitTasks.Create(tasks, rule);
        var reversed = SplitTasks.Create(tasks.Reverse().ToArray(), rule);
        var half = SplitTasks.Create(tasks.Where((_, i) => i % 2 == 0).ToArray(), rule);
        var other = SplitTasks.Create(tasks, new TaskSplit(0.3, seed: 12));

        Assert.Equal(tasks.Count, a.Train.Concat(a.HeldOut).Select(t => t.Task.Id).Distinct().Count());
        Assert.Equal(a.HeldOut.Select(t => t.Task.Id).Order(), reversed.HeldOut.Select(t => t.Task.Id).Order());
        Assert.All(half.HeldOut, t => Assert.Contains(t, a.HeldOut));
        Assert.All(half.Train, t => Assert.Contains(t, a.Train));
        Assert.NotEqual(a.HeldOut.Select(t => t.Task.Id), other.HeldOut.Select(t => t.Task.Id));
        // One task cannot be on both sides: a clear error, not an empty evaluation.
        var error = Assert.Throws<InvalidDataException>(() => SplitTasks.Create(tasks.Take(1).ToArray(), rule));
        Assert.Contains("both need at least one", error.Message);
    }
}
