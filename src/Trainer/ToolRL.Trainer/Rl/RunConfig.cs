using System.Text.Json;
using System.Text.Json.Serialization;
using ToolRL.IO;
using ToolRL.Rewards;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// Everything a training run is defined by. Loaded from a JSON file (camelCase keys, unknown keys rejected) and
/// adjusted by the flags of <c>train --model</c>. Defaults are the paper's verl settings,
/// scaled down where the paper's value is a cluster-size choice (batch 512 prompts → 8).
/// </summary>
// Settable (not init-only) properties: the JSON source generator resets absent init-only properties to default.
public sealed record RunConfig
{
    /// <summary>Seed for task sampling, rollouts and initialization.</summary>
    public int Seed { get; set; } = 1;
    /// <summary><c>grpo</c> or <c>reinforce++</c>.</summary>
    public string Algorithm { get; set; } = "grpo";
    /// <summary>Step-reward variant for turns with tool calls: <c>f1</c> (paper default), <c>precision</c>, <c>rate</c>, <c>pr</c>.</summary>
    public string RewardVariant { get; set; } = "f1";
    /// <summary>AdamW learning rate (paper: 1e-6).</summary>
    public double LearningRate { get; set; } = 1e-6;
    /// <summary>AdamW decoupled weight decay (FTRL's verl config: 0.01).</summary>
    public double WeightDecay { get; set; } = 0.01;
    /// <summary>Gradient-norm clip (verl's grad_clip 1.0).</summary>
    public double MaxGradNorm { get; set; } = 1.0;
    /// <summary>KL-loss coefficient (paper: 0.001).</summary>
    public double KlCoefficient { get; set; } = 0.001;
    /// <summary>KL estimator name (paper: <c>low_var_kl</c>).</summary>
    public string KlType { get; set; } = "low_var_kl";
    /// <summary>Entropy-bonus coefficient (paper: 0.001).</summary>
    public double EntropyCoefficient { get; set; } = 0.001;
    /// <summary>PPO clip ε (paper: 0.2).</summary>
    public double ClipRatio { get; set; } = 0.2;
    /// <summary>verl loss aggregation name.</summary>
    public string LossAggregation { get; set; } = "token-mean";
    /// <summary>Responses sampled per prompt (paper: 16).</summary>
    public int SamplesPerPrompt { get; set; } = 16;
    /// <summary>Prompts (recorded prefixes) per training step (paper: 512).</summary>
    public int PromptsPerStep { get; set; } = 8;
    /// <summary>Prompts per optimizer step (paper: 32); each contributes <see cref="SamplesPerPrompt"/> samples.</summary>
    public int MiniBatchPrompts { get; set; } = 2;
    /// <summary>Samples per forward/backward pass.</summary>
    public int MicroBatchSize { get; set; } = 4;
    /// <summary>Training steps.</summary>
    public int Steps { get; set; } = 20;
    /// <summary>Write a checkpoint every this many steps (and at the end).</summary>
    public int CheckpointInterval { get; set; } = 5;
    /// <summary>Complete checkpoints kept; older ones are deleted (0 keeps all).</summary>
    public int KeepCheckpoints { get; set; } = 2;
    /// <summary>Evaluate held-out Solve-P/R/F1 every this many steps (0: only before and after).</summary>
    public int EvalInterval { get; set; }
    /// <summary>Turns per episode (paper: 20).</summary>
    public int MaxTurns { get; set; } = 20;
    /// <summary>New tokens per assistant turn (paper: 1024).</summary>
    public int MaxNewTokens { get; set; } = 1024;
    /// <summary>Sampling temperature for rollouts (FTRL's verl config: 0.7).</summary>
    public double Temperature { get; set; } = 0.7;
    /// <summary>Nucleus sampling mass.</summary>
    public double TopP { get; set; } = 1.0;
    /// <summary>Trainable-parameter patterns (glob or <c>regex:</c>, <c>;</c>-separated); null trains everything.</summary>
    public string? TrainableParameters { get; set; }
    /// <summary>HF model folder; null selects the embedded tiny policy.</summary>
    public string? Model { get; set; }
    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>The run folder: checkpoints, metrics, TensorBoard events, plots and report.</summary>
    public string OutputDir { get; set; } = "runs/default";

    /// <summary>Throws with every problem found, each naming the setting.</summary>
    public RunConfig Validate()
    {
        var problems = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok) problems.Add(message);
        }
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"learningRate must be > 0 (got {LearningRate}).");
        Require(WeightDecay >= 0, $"weightDecay must be ≥ 0 (got {WeightDecay}).");
        Require(KlCoefficient >= 0, $"klCoefficient must be ≥ 0 (got {KlCoefficient}).");
        Require(EntropyCoefficient >= 0, $"entropyCoefficient must be ≥ 0 (got {EntropyCoefficient}).");
        Require(ClipRatio is > 0 and < 1, $"clipRatio must be in (0, 1) (got {ClipRatio}).");
        Require(SamplesPerPrompt >= 1, $"samplesPerPrompt must be ≥ 1 (got {SamplesPerPrompt}).");
        Require(PromptsPerStep >= 1, $"promptsPerStep must be ≥ 1 (got {PromptsPerStep}).");
        Require(MiniBatchPrompts >= 1 && MiniBatchPrompts <= PromptsPerStep,
            $"miniBatchPrompts must be in [1, promptsPerStep={PromptsPerStep}] (got {MiniBatchPrompts}).");
        Require(MicroBatchSize >= 1, $"microBatchSize must be ≥ 1 (got {MicroBatchSize}).");
        Require(MaxTurns >= 1, $"maxTurns must be ≥ 1 (got {MaxTurns}).");
        Require(MaxNewTokens >= 1, $"maxNewTokens must be ≥ 1 (got {MaxNewTokens}).");
        Require(Temperature >= 0, $"temperature must be ≥ 0 (got {Temperature}).");
        Require(TopP is > 0 and <= 1, $"topP must be in (0, 1] (got {TopP}).");
        Require(Device is "cpu" or "cuda" || Device.StartsWith("cuda:", StringComparison.Ordinal),
            $"device must be cpu, cuda or cuda:N (got '{Device}').");
        problems.AddRange(LoopOptions().Problems());
        Try(() => RlAlgorithmNames.Parse(Algorithm));
        Try(() => KlEstimatorNames.Parse(KlType));
        Try(() => Rl.LossAggregation.Parse(LossAggregation));
        Try(() => ParseRewardVariant(RewardVariant));
        if (TrainableParameters is not null)
            Try(() => ParameterPattern.ParseList(TrainableParameters));
        if (problems.Count > 0)
            throw new RunConfigException("Invalid run configuration:" + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", problems));
        return this;

        void Try(Action parse)
        {
            try { parse(); }
            catch (ArgumentException e) { problems.Add(e.Message); }
        }
    }

    /// <summary>
    /// The training loop's schedule this config describes (run folder, steps, seed, checkpoint and eval intervals),
    /// with the config itself to save as the run folder's <c>config.json</c>. Validates the config first.
    /// </summary>
    public TrainingLoopOptions ToLoopOptions() => Validate().LoopOptions() with { ConfigJson = ToJson() };

    private TrainingLoopOptions LoopOptions() => new()
    {
        OutputDir = OutputDir, Steps = Steps, Seed = Seed,
        CheckpointInterval = CheckpointInterval, KeepCheckpoints = KeepCheckpoints, EvalInterval = EvalInterval,
    };

    /// <summary>The RL update settings this config describes.</summary>
    public RlUpdateOptions ToUpdateSettings() => new()
    {
        Algorithm = RlAlgorithmNames.Parse(Algorithm),
        MiniBatchSize = MiniBatchPrompts * SamplesPerPrompt,
        MicroBatchSize = MicroBatchSize,
        Loss = new RlLossOptions
        {
            Clip = new ClipRange(ClipRatio, ClipRatio),
            EntropyCoefficient = EntropyCoefficient,
            KlCoefficient = KlCoefficient,
            UseKlLoss = KlCoefficient > 0,
            KlEstimator = KlEstimatorNames.Parse(KlType),
            Aggregation = Rl.LossAggregation.Parse(LossAggregation),
        },
    };

    /// <summary>The optimizer settings this config describes.</summary>
    public PolicyOptimizerOptions ToOptimizerSettings() => new()
    {
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        MaxGradNorm = MaxGradNorm,
    };

    /// <summary>The Runtime's step-reward variant (derived from <see cref="RewardVariant"/>; not a config key).</summary>
    [JsonIgnore]
    public StepRewardVariant StepRewardVariant => ParseRewardVariant(RewardVariant);

    /// <summary>Parses <c>f1</c>, <c>precision</c>, <c>rate</c> or <c>pr</c>.</summary>
    public static StepRewardVariant ParseRewardVariant(string name) => name.Trim().ToLowerInvariant() switch
    {
        "f1" => Rewards.StepRewardVariant.F1,
        "precision" or "p" => Rewards.StepRewardVariant.Precision,
        "rate" or "r" => Rewards.StepRewardVariant.Rate,
        "pr" => Rewards.StepRewardVariant.PR,
        _ => throw new ArgumentException($"Unknown reward variant '{name}'; use f1, precision, rate or pr."),
    };

    /// <summary>Reads a config file; unknown keys, bad JSON and invalid values give a <see cref="RunConfigException"/> naming the file.</summary>
    public static RunConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new RunConfigException($"Config file '{path}' does not exist.");
        try
        {
            var config = JsonSerializer.Deserialize(File.ReadAllText(path), RunConfigJson.Default.RunConfig)
                ?? throw new RunConfigException($"Config file '{path}' holds null.");
            return config.Validate();
        }
        catch (JsonException e)
        {
            throw new RunConfigException($"Config file '{path}' is not a valid run config: {e.Message}", e);
        }
        catch (RunConfigException e)
        {
            throw new RunConfigException($"Config file '{path}': {e.Message}", e);
        }
    }

    /// <summary>The config as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunConfigJson.Default.RunConfig);

    /// <summary>Writes the config to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());
}

/// <summary>Source-generated JSON for <see cref="RunConfig"/> (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    AllowDuplicateProperties = false)] // a key given twice is a mistake to report, not a silent last-one-wins
[JsonSerializable(typeof(RunConfig))]
internal sealed partial class RunConfigJson : JsonSerializerContext;
