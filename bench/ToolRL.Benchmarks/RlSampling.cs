using System.Diagnostics;
using System.Globalization;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using TorchSharp;

namespace ToolRL.Benchmarks;

/// <summary>
/// Sampling throughput of one RL iteration of the embedded default: its tiny Qwen3 (freshly initialized: the timing
/// does not depend on the weights) over a 1,785-token vocabulary, prompts of ~800 tokens (the system prompt with the
/// tool block), groups of 8 identical prompts sharing one prefill, temperature 1 and 96 new tokens, as
/// <see cref="PrefixGrpoProcess"/> samples them. No stop token, so every row decodes all 96 tokens and runs compare.
/// Prints samples/s and the prefill / per-decoded-token split. A single timed run, not a BenchmarkDotNet job.
/// Run: dotnet run -c Release --project bench/ToolRL.Benchmarks -- rl-sampling [repeats] [threads]
/// </summary>
public static class RlSampling
{
    const int VocabSize = 1785, PromptTokens = 800, GroupSize = 8, MaxNewTokens = 96;

    public static int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        torch.set_num_threads(threads);
        string dir = Path.Combine(Path.GetTempPath(), $"toolrl-rl-sampling-{Environment.ProcessId}");
        var sizes = new EmbeddedDefaultOptions().Model with { VocabSize = VocabSize, EosTokenIds = [VocabSize - 1] };
        TinyCheckpoint.Write(dir, ModelFamily.Qwen3, sizes, seed: 1);
        using var model = ModelLoader.Load(dir);
        Directory.Delete(dir, recursive: true);
        model.eval();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rl-sampling: Qwen3 {sizes.Layers} layers, hidden {sizes.HiddenSize}, vocab {VocabSize}, {model.parameters().Sum(p => p.numel()):N0} parameters; " +
            $"prompts ~{PromptTokens} tokens, groups of {GroupSize}, {MaxNewTokens} new tokens, temperature 1; {threads} threads; load {LoadAverage()}"));

        // No stop ids: every row decodes MaxNewTokens, so the decoded-token count is fixed.
        var options = new GenerationOptions { MaxNewTokens = MaxNewTokens, Temperature = 1.0, StopTokenIds = [], Seed = 7 };
        _ = Time(model, Prompts(2, seed: 99), options, 1); // warm-up (allocator, thread pool, kernels)
        foreach (int groups in new[] { 12, 24 })
        {
            var prompts = Prompts(groups, seed: groups);
            double prefill = Time(model, prompts, options with { MaxNewTokens = 1 }, repeats).Seconds;
            var (total, outputs) = Time(model, prompts, options, repeats);
            int rows = prompts.Count;
            double decodeMs = (total - prefill) * 1000 / (MaxNewTokens - 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {groups,2} prompts × {GroupSize} = {rows,3} samples: {total:F2} s → {rows / total:F1} samples/s; prefill (+1 token) {prefill:F2} s; " +
                $"decode {decodeMs:F1} ms per step = {decodeMs / rows:F3} ms per decoded token ({rows * (MaxNewTokens - 1) / (total - prefill):F0} tokens/s); outputs {Fingerprint(outputs)}"));
        }
        Console.WriteLine($"  load after: {LoadAverage()}");
        return 0;
    }

    /// <summary>Best of <paramref name="repeats"/> runs, seconds, and the outputs (the same every run: seeded).</summary>
    static (double Seconds, IReadOnlyList<GeneratedSequence> Outputs) Time(CausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, int repeats)
    {
        double best = double.MaxValue;
        IReadOnlyList<GeneratedSequence> outputs = [];
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var generated = SequenceGenerator.Generate(model, prompts, options);
            clock.Stop();
            if (generated.Any(g => g.Tokens.Length != options.MaxNewTokens)) throw new InvalidOperationException("A row stopped early.");
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            outputs = generated;
        }
        return (best, outputs);
    }

    /// <summary>
    /// <paramref name="groups"/> distinct prompts of 780–820 random tokens, each repeated <see cref="GroupSize"/> times
    /// (adjacent, as GroupSampler lays them out); the same list object per group, as the sampler passes them.
    /// </summary>
    static IReadOnlyList<IReadOnlyList<int>> Prompts(int groups, int seed)
    {
        var random = new Random(seed);
        var rows = new List<IReadOnlyList<int>>();
        for (int g = 0; g < groups; g++)
        {
            var prompt = Enumerable.Range(0, PromptTokens - 20 + random.Next(41)).Select(_ => random.Next(VocabSize - 1)).ToArray();
            for (int k = 0; k < GroupSize; k++) rows.Add(prompt);
        }
        return rows;
    }

    /// <summary>A hash of every token and every log-prob's bits: equal fingerprints = identical outputs (to compare builds).</summary>
    static string Fingerprint(IReadOnlyList<GeneratedSequence> outputs)
    {
        ulong hash = 14695981039346656037;
        foreach (var g in outputs)
        {
            foreach (int t in g.Tokens) hash = (hash ^ (uint)t) * 1099511628211;
            foreach (float lp in g.LogProbs) hash = (hash ^ (uint)BitConverter.SingleToInt32Bits(lp)) * 1099511628211;
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
