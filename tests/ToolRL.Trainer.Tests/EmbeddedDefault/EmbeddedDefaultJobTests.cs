using ToolRL.Tasks;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.EmbeddedDefault;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

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
        Assert.True(File.Exists(Path.Combine(dir.Path, SftPhaseCheckpoint.FileName)));

        var tools = await Assert.ThrowsAsync<RunMismatchException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [AlteredEnvironment.WithRewordedTool(env)], new StringWriter()));
        Assert.Contains("environment 'atlas'", tools.Message);
        Assert.Contains($"delete '{dir.Path}' or pass another --out", tools.Message);
        var tasks = await Assert.ThrowsAsync<RunMismatchException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [new AlteredEnvironment(env, tasks: env.Tasks.Skip(2).ToArray())], new StringWriter()));
        Assert.Contains("tasks: ", tasks.Message);
        Assert.True(File.Exists(Path.Combine(dir.Path, SftPhaseCheckpoint.FileName)), "a refused run must not touch the folder's work");

        var progress = new StringWriter();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);
        Assert.Contains("sft: resumed from", progress.ToString());
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

    [Fact]
    public async Task A_run_killed_after_sft_resumes_from_model_sft_and_ends_as_an_uninterrupted_run()
    {
        var env = new AtlasEnvironment();
        using var whole = new TempDirectory();
        var uninterrupted = await EmbeddedDefaultJob.RunAsync(Tiny(whole.Path), [env], new StringWriter());

        using var dir = new TempDirectory();
        using var kill = new CancellationTokenSource();
        var first = new CancelOnLine("eval after SFT", kill);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], first, kill.Token));
        Assert.True(File.Exists(Path.Combine(dir.Path, SftPhaseCheckpoint.FileName)));
        Assert.False(File.Exists(Path.Combine(dir.Path, "report.md")));

        var progress = new StringWriter();
        var resumed = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);

        Assert.Contains("sft: resumed from", progress.ToString());
        Assert.Contains("tokens/s (the earlier run's)", progress.ToString());
        Assert.DoesNotContain("sft step", progress.ToString());
        Assert.Equal(uninterrupted.Sft.Losses, resumed.Sft.Losses);
        Assert.Equal(uninterrupted.ShortContextSft!.Losses, resumed.ShortContextSft!.Losses);
        Assert.Equal(uninterrupted.AfterSft.Overall.SolveF1, resumed.AfterSft.Overall.SolveF1, 9);
        Assert.Equal(uninterrupted.Rl.Select(r => r.MeanReward), resumed.Rl.Select(r => r.MeanReward));
        Assert.Equal(uninterrupted.AfterRl.Overall.SolveF1, resumed.AfterRl.Overall.SolveF1, 9);
        // The log holds one run's records, not the killed run's plus the resumed run's.
        var records = MetricsLog.Read(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.Equal(MetricsLog.Read(Path.Combine(whole.Path, "metrics.jsonl")).Select(r => (r.Phase, r.Step)), records.Select(r => (r.Phase, r.Step)));
    }

    [Fact]
    public async Task A_run_killed_mid_rl_resumes_from_its_last_checkpoint_and_ends_as_an_uninterrupted_run()
    {
        var env = new AtlasEnvironment();
        using var whole = new TempDirectory();
        var uninterrupted = await EmbeddedDefaultJob.RunAsync(Tiny(whole.Path), [env], new StringWriter());

        using var dir = new TempDirectory();
        using (var kill = new CancellationTokenSource())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new CancelOnLine("rl 1/", kill), kill.Token));
        Assert.Equal([1], new RunCheckpointStore(dir.Path).Complete().Select(c => c.Step));
        Assert.False(File.Exists(Path.Combine(dir.Path, "report.md")));

        var progress = new StringWriter();
        var resumed = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], progress);

        Assert.Contains("resumed at iteration 1", progress.ToString());
        Assert.DoesNotContain("rl 1/", progress.ToString());
        Assert.Equal(uninterrupted.Rl.Select(r => (r.MeanReward, r.Kl, r.Entropy, r.GradNorm)), resumed.Rl.Select(r => (r.MeanReward, r.Kl, r.Entropy, r.GradNorm)));
        Assert.Equal(uninterrupted.AfterSft.Overall, resumed.AfterSft.Overall);
        Assert.Equal(uninterrupted.AfterRl.Overall, resumed.AfterRl.Overall);
        static string[] Lines(string run) => MetricsLog.Read(Path.Combine(run, "metrics.jsonl"))
            .Select(r => new StepMetrics(r.Step, r.Phase, r.Values.Where(kv => kv.Key != "tokens_per_s").ToDictionary()).ToJsonLine()).ToArray();
        Assert.Equal(Lines(whole.Path), Lines(dir.Path));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Path, "model-final", "model.safetensors")), File.ReadAllBytes(Path.Combine(dir.Path, "model-final", "model.safetensors")));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole.Path, "heldout-after-SFT.jsonl")), File.ReadAllLines(Path.Combine(dir.Path, "heldout-after-SFT.jsonl")));

        // Other RL settings: the checkpoints are not resumed.
        var changed = new StringWriter();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { RlLearningRate = 1e-3 }, [env], changed);
        Assert.Contains("was written with other RL settings; RL starts again", changed.ToString());
        Assert.DoesNotContain("resumed at iteration", changed.ToString());
    }

    [Fact]
    public async Task A_changed_setting_or_a_damaged_record_trains_sft_again_and_says_why()
    {
        var env = new AtlasEnvironment();
        using var dir = new TempDirectory();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path), [env], new StringWriter());

        var changed = new StringWriter();
        var result = await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { SftSteps = 5 }, [env], changed);
        Assert.Contains("written with other settings; training again", changed.ToString());
        Assert.Equal(5, result.Sft.Losses.Count);

        var record = Path.Combine(dir.Path, SftPhaseCheckpoint.FileName);
        Assert.Contains("steps=5;", File.ReadAllText(record));
        File.WriteAllText(record, "{ \"settings\": ");
        var damaged = new StringWriter();
        await EmbeddedDefaultJob.RunAsync(Tiny(dir.Path) with { SftSteps = 5 }, [env], damaged);
        Assert.Contains($"ignoring {record}", damaged.ToString());
        Assert.DoesNotContain("sft: resumed", damaged.ToString());
        Assert.Contains("\"settings\"", File.ReadAllText(record)); // rewritten whole
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
        var tasks = EvaluationTask.All([new AtlasEnvironment()]);
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

    [Fact]
    public async Task Golden_prefix_rewards_follow_the_paper_rules()
    {
        var env = new AtlasEnvironment();
        var task = new EvaluationTask(env, env.Tasks.Single(t => t.Id == "atlas/capital-population-Italy"));
        var golden = await ToolRL.Trainer.Sft.GoldenTrajectory.BuildAsync(env, task.Task);
        var prefixes = PrefixRollouts.Prefixes(task, golden).ToArray();
        var options = new ToolRL.Episodes.EpisodeOptions();

        Assert.Equal(3, prefixes.Length);
        // Second turn: the capital is known; the right population call solves 1 of 1 call: F1 reward 2·1/(1+1).
        double right = await PrefixRollouts.RewardAsync(prefixes[1], "<tool_call>\n{\"name\": \"get_population\", \"arguments\": {\"city\": \"Rome\"}}\n</tool_call>", options);
        double wrong = await PrefixRollouts.RewardAsync(prefixes[1], "<tool_call>\n{\"name\": \"get_population\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>", options);
        // Last turn: everything solved; the gold answer gives 1/(1+0), a wrong answer 0.5 (solve rate 1).
        double answer = await PrefixRollouts.RewardAsync(prefixes[2], "About 2.8 million.", options);
        double other = await PrefixRollouts.RewardAsync(prefixes[2], "Many.", options);

        Assert.Equal(1.0, right, 9);
        Assert.Equal(0.0, wrong, 9);
        Assert.Equal(1.0, answer, 9);
        Assert.Equal(0.5, other, 9);
    }
}
