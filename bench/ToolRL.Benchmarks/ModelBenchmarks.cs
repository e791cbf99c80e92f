using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TorchSharp;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Native;
using static TorchSharp.torch;

namespace ToolRL.Benchmarks;

/// <summary>
/// Decoding 256 new tokens (greedy, batch 1, 16-token prompt) with the KV cache vs recomputing the whole
/// sequence each step. Run: dotnet run -c Release --project bench/ToolRL.Benchmarks -- --filter '*ModelDecode*'
/// </summary>
[Config(typeof(ModelBenchmarkConfig))]
public class ModelDecodeBenchmarks
{
    const int NewTokens = 256;
    string directory = "";
    CausalLM model = null!;
    readonly int[] prompt = Enumerable.Range(1, 16).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        TorchDevices.ConfigureThreads();
        directory = Path.Combine(Path.GetTempPath(), "toolrl-bench-decode-" + Environment.ProcessId);
        TinyCheckpoint.Write(directory, ModelFamily.Qwen3, new TinyModelSizes
        {
            VocabSize = 8192, HiddenSize = 256, IntermediateSize = 768, Layers = 4, Heads = 8, KeyValueHeads = 2, HeadDim = 32,
        });
        model = ModelLoader.Load(directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        model.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Description = "decode 256 tokens, KV cache")]
    public int KvCache() =>
        SequenceGenerator.Generate(model, [prompt], new GenerationOptions { Greedy = true, MaxNewTokens = NewTokens, StopTokenIds = [] })[0].Tokens.Length;

    [Benchmark(Baseline = true, Description = "decode 256 tokens, full recomputation")]
    public int FullRecomputation()
    {
        using var noGrad = no_grad();
        var sequence = prompt.Select(t => (long)t).ToList();
        for (int i = 0; i < NewTokens; i++)
        {
            using var scope = NewDisposeScope();
            // Same work as a cache-less decoder: the whole sequence through every layer, lm_head on the last position only.
            var ids = tensor(sequence.ToArray(), [1, sequence.Count]);
            var positions = arange(sequence.Count, ScalarType.Int64).unsqueeze(0);
            var hidden = model.Hidden(ids, positions, null).narrow(1, sequence.Count - 1, 1);
            sequence.Add(model.Logits(hidden)[0, 0].argmax().item<long>());
        }
        return sequence.Count - prompt.Length;
    }
}

/// <summary>
/// One training step (forward + cross-entropy + backward) of a mid-size Qwen3 (8 layers, hidden 512, seq 512)
/// against a large fp32 matmul measured in the same run; the GFLOP/s column gives both rates.
/// Run: dotnet run -c Release --project bench/ToolRL.Benchmarks -- --filter '*ModelTraining*'
/// </summary>
[Config(typeof(ModelBenchmarkConfig))]
public class ModelTrainingBenchmarks
{
    const int Sequence = 512, MatmulSize = 2048;
    static readonly TinyModelSizes Sizes = new()
    {
        VocabSize = 8192, HiddenSize = 512, IntermediateSize = 1536, Layers = 8, Heads = 8, KeyValueHeads = 4, HeadDim = 64,
        InitStd = 0.02,
    };
    string directory = "";
    CausalLM model = null!;
    Tensor inputs = null!, targets = null!, a = null!, b = null!;

    /// <summary>FLOPs per invocation, by benchmark method name (read by <see cref="GflopsColumn"/>).</summary>
    public static readonly Dictionary<string, double> Flops = new()
    {
        [nameof(TrainingStep)] = TrainingStepFlops(),
        [nameof(Matmul)] = 2.0 * MatmulSize * MatmulSize * MatmulSize,
    };

    /// <summary>
    /// 3 × forward (backward ≈ 2 × forward). Forward: 2 · tokens · (matmul weights incl. lm_head) plus causal
    /// attention 2 · L · T² · heads · head_dim (q·kᵀ and p·v over the lower triangle). Elementwise ops not counted.
    /// </summary>
    static double TrainingStepFlops()
    {
        var s = Sizes;
        double attentionWeights = (double)s.HiddenSize * s.HeadDim * (2 * s.Heads + 2 * s.KeyValueHeads);
        double mlpWeights = 3.0 * s.HiddenSize * s.IntermediateSize;
        double linear = s.Layers * (attentionWeights + mlpWeights) + (double)s.VocabSize * s.HiddenSize;
        double attention = 2.0 * s.Layers * Sequence * (double)Sequence * s.Heads * s.HeadDim;
        return 3 * (2.0 * Sequence * linear + attention);
    }

    [GlobalSetup]
    public void Setup()
    {
        TorchDevices.ConfigureThreads();
        directory = Path.Combine(Path.GetTempPath(), "toolrl-bench-train-" + Environment.ProcessId);
        TinyCheckpoint.Write(directory, ModelFamily.Qwen3, Sizes);
        model = ModelLoader.Load(directory);
        using var generator = new torch.Generator(1);
        inputs = randint(0, Sizes.VocabSize, [1, Sequence], generator: generator);
        targets = randint(0, Sizes.VocabSize, [1, Sequence], generator: generator);
        a = randn(MatmulSize, MatmulSize);
        b = randn(MatmulSize, MatmulSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        model.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Description = "train step 8x512, seq 512 (fwd+bwd)")]
    public float TrainingStep()
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        var logits = model.forward(inputs);
        var loss = nn.functional.cross_entropy(logits.view(-1, Sizes.VocabSize), targets.view(-1));
        loss.backward();
        return loss.item<float>();
    }

    [Benchmark(Baseline = true, Description = "fp32 matmul 2048^3")]
    public float Matmul()
    {
        using var c = a.matmul(b);
        return c[0, 0].item<float>();
    }
}

/// <summary>
/// One in-process job (1 warmup, 3 measured runs; these benchmarks take seconds per call, and the in-process
/// toolchain avoids building a child project) plus the GFLOP/s column.
/// </summary>
public sealed class ModelBenchmarkConfig : ManualConfig
{
    public ModelBenchmarkConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
        AddColumn(new GflopsColumn());
    }
}

/// <summary>GFLOP/s = FLOPs of the method (from <see cref="ModelTrainingBenchmarks.Flops"/>) / mean time.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => "GFLOP/s";
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Achieved billions of floating-point operations per second";
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null) return "-";
        if (!ModelTrainingBenchmarks.Flops.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out double flops)) return "-";
        double seconds = report.ResultStatistics.Mean / 1e9;
        return (flops / seconds / 1e9).ToString("F1");
    }
}
