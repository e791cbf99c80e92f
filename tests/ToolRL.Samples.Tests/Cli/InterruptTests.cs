using ToolRL.Trainer.Checkpoints;
using ToolRL.Cli;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Samples.Tests.Cli;

/// <summary>
/// Ctrl+C on every long command, sent as SIGINT to the real samples program: it stops at a safe point, says what
/// is saved and how to resume, exits 130, and neither crashes (it segfaulted with exit 139 during evaluation and RL)
/// nor prints a stack trace. Each test waits for the command's first progress line, so the signal lands mid-work.
/// The signal is sent with libc's kill (Linux and macOS).
/// </summary>
[Collection(nameof(InterruptTests))] // one child at a time: each is CPU-bound and the machine is small
public sealed class InterruptTests : IDisposable
{
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Stop = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("toolrl-interrupt-");

    public void Dispose() => _scratch.Delete(recursive: true);

    private string Scratch(string name) => Path.Combine(_scratch.FullName, name);

    /// <summary>Starts the command, interrupts it once <paramref name="ready"/> matches a stdout line (plus <paramref name="settle"/>), and checks the ending.</summary>
    private async Task<string> InterruptAsync(Func<string, bool> ready, TimeSpan settle, params string[] args)
    {
        using var child = SamplesProcess.Start(_scratch.FullName, args);
        await child.WaitForLineAsync(ready, Start);
        await Task.Delay(settle);
        child.Interrupt();
        var code = await child.WaitForExitAsync(Stop);
        var error = child.Error;
        Assert.True(code == ExitCodes.Cancelled, $"exit {code}, not 130.\nstdout:\n{child.Output}\nstderr:\n{error}");
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.Contains("run the same command", error);
        return error;
    }

    /// <summary>A tiny Qwen3 checkpoint over the samples' committed vocabulary, for the --model commands.</summary>
    private string TinyModel()
    {
        var vocabulary = Path.Combine(SamplesFolder, "Vocabulary");
        var size = QwenTokenizer.Load(vocabulary).VocabularySize;
        var model = Scratch("model");
        TinyCheckpoint.Write(model, ModelFamily.Qwen3, new TinyModelSizes { VocabSize = size, HiddenSize = 32, IntermediateSize = 64 },
            seed: 5, tokenizerFiles: Directory.GetFiles(vocabulary, "*.json"));
        return model;
    }

    private static string SamplesFolder
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root.FullName, "ToolRL.Sdk.sln")))
                root = root.Parent ?? throw new InvalidOperationException("repository root not found");
            return Path.Combine(root.FullName, "samples", "ToolRL.Samples");
        }
    }

    [Fact]
    public async Task Train_interrupted_during_SFT_saves_a_checkpoint_to_resume_from()
    {
        var error = await InterruptAsync(line => line.StartsWith("sft: ", StringComparison.Ordinal) && line.Contains("sequences"), TimeSpan.FromSeconds(1),
            "train", "--sft-short-steps", "0", "--sft-steps", "100000", "--steps", "1", "-o", "run");
        // The loop saves the last completed SFT step on the way out (none when the signal beat the first step).
        Assert.Matches(@"interrupted (after sft step \d+; run the same command to resume from \S+step-\d+|before the first SFT step ended; nothing to resume from yet)", error);
    }

    [Fact]
    public async Task Train_interrupted_during_evaluation_resumes_from_the_SFT_model()
    {
        // 1 SFT step, then the held-out evaluation (half a minute here): the signal lands in generation.
        var error = await InterruptAsync(line => line.StartsWith("sft: ", StringComparison.Ordinal) && line.Contains(" s, "), TimeSpan.FromSeconds(2),
            "train", "--sft-short-steps", "0", "--sft-steps", "1", "--steps", "1", "-o", "run");
        Assert.Contains($"interrupted after sft step 1; run the same command to resume from {Path.Combine(_scratch.FullName, "run", "checkpoints", "sft", "step-000001")}", error);
        Assert.True(File.Exists(Path.Combine(_scratch.FullName, "run", "model-sft", "model.safetensors")));
    }

    [Fact]
    public async Task Train_model_interrupted_between_steps_saves_a_checkpoint_to_resume_from()
    {
        var model = TinyModel();
        var config = Scratch("config.json");
        File.WriteAllText(config, """
            { "steps": 20, "checkpointInterval": 100, "samplesPerPrompt": 2, "promptsPerStep": 2, "miniBatchPrompts": 1,
              "microBatchSize": 2, "maxTurns": 2, "maxNewTokens": 16, "learningRate": 0.001 }
            """);
        // Plain progress prints every 10%: the first line comes after step 2.
        var error = await InterruptAsync(line => line.StartsWith("[train]", StringComparison.Ordinal), TimeSpan.Zero,
            "train", "--model", model, "--scenario", "travel", "--config", config, "-o", "run");
        // No interval checkpoint falls in 20 steps of 100: the one there is the interrupt's.
        var step = Assert.Single(Directory.GetDirectories(Path.Combine(_scratch.FullName, "run", "checkpoints"), "step-*"));
        var saved = int.Parse(Path.GetFileName(step)[5..]);
        Assert.Contains($"interrupted after step {saved}; run the same command to resume from {step}", error);

        // The same command again resumes there and finishes.
        using var again = SamplesProcess.Start(_scratch.FullName, "train", "--model", model, "--scenario", "travel", "--config", config, "-o", "run");
        Assert.Equal(0, await again.WaitForExitAsync(Start));
        Assert.Contains($"resumed from step {saved}; ran {20 - saved} steps to step 20", again.Output);
    }

    [Fact]
    public async Task Sft_interrupted_saves_a_checkpoint_to_resume_from()
    {
        var model = TinyModel();
        var error = await InterruptAsync(line => line.StartsWith("sft: ", StringComparison.Ordinal), TimeSpan.FromSeconds(1),
            "sft", "--model", model, "-o", "sft-out", "--steps", "100000", "--batch-size", "2", "--scenario", "travel", "--max-turns", "1", "--max-new-tokens", "4");
        Assert.Matches(@"interrupted (after SFT step \d+; run the same command to resume from \S+step-\d+|before the first SFT step ended; nothing to resume from yet)", error);
    }

    [Fact]
    public async Task Collect_interrupted_writes_no_partial_file()
    {
        var model = TinyModel();
        var error = await InterruptAsync(line => line.StartsWith("collecting ", StringComparison.Ordinal), TimeSpan.FromSeconds(1),
            "collect", "--model", model, "-o", "records.jsonl", "--max-new-tokens", "256");
        Assert.Contains("interrupted during the collection; nothing was written", error);
        Assert.False(File.Exists(Scratch("records.jsonl")));
    }

    [Fact]
    public async Task Eval_interrupted_writes_no_report()
    {
        var model = TinyModel();
        var error = await InterruptAsync(line => line.StartsWith("evaluating ", StringComparison.Ordinal), TimeSpan.FromSeconds(1),
            "eval", "--model", model, "-o", "report.md", "--max-new-tokens", "256");
        Assert.Contains("interrupted during the evaluation; no report was written", error);
        Assert.False(File.Exists(Scratch("report.md")));
    }

    [Fact]
    public async Task Export_interrupted_leaves_no_partial_dataset()
    {
        var error = await InterruptAsync(line => line.StartsWith("exporting ", StringComparison.Ordinal), TimeSpan.FromMilliseconds(500),
            "export", "-o", "dataset", "--per-structure", "3000", "--variant", "all");
        Assert.Contains("interrupted during the export", error);
        Assert.False(Directory.Exists(Scratch("dataset")));
    }

    [Fact]
    public async Task A_second_interrupt_ends_the_process_at_once_with_130_and_no_unhandled_exception()
    {
        var model = TinyModel();
        using var child = SamplesProcess.Start(_scratch.FullName, "eval", "--model", model, "--max-new-tokens", "256");
        await child.WaitForLineAsync(line => line.StartsWith("evaluating ", StringComparison.Ordinal), Start);
        await Task.Delay(500);
        child.Interrupt();
        await Task.Delay(20);
        child.Interrupt();
        var code = await child.WaitForExitAsync(Stop);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.DoesNotContain("Unhandled", child.Error);
        Assert.DoesNotContain("   at ", child.Error);
    }
}
