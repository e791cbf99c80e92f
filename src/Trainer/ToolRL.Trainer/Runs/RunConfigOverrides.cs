using System.Globalization;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// Command-line overrides of a <see cref="RunConfig"/>: <c>--name value</c> or <c>--name=value</c>, with the
/// config's camelCase key or its kebab-case / short alias (<c>--lr</c>, <c>--algo</c>, <c>--kl</c>, …).
/// A table of setters, not reflection; an unknown option or a bad value throws naming both.
/// </summary>
public static class RunConfigOverrides
{
    private delegate RunConfig Setter(RunConfig c, string v);

    private static readonly (string[] Names, string Help, Setter Set)[] Options =
    [
        (["seed"], "random seed", (c, v) => c with { Seed = Int(v) }),
        (["algorithm", "algo"], "grpo | reinforce++", (c, v) => c with { Algorithm = v }),
        (["reward-variant", "rewardVariant", "reward"], "f1 | precision | rate | pr", (c, v) => c with { RewardVariant = v }),
        (["learning-rate", "learningRate", "lr"], "AdamW learning rate", (c, v) => c with { LearningRate = Real(v) }),
        (["weight-decay", "weightDecay"], "AdamW weight decay", (c, v) => c with { WeightDecay = Real(v) }),
        (["max-grad-norm", "maxGradNorm", "grad-clip"], "gradient-norm clip", (c, v) => c with { MaxGradNorm = Real(v) }),
        (["kl-coefficient", "klCoefficient", "kl"], "KL-loss coefficient", (c, v) => c with { KlCoefficient = Real(v) }),
        (["kl-type", "klType"], "kl | abs | mse | low_var_kl", (c, v) => c with { KlType = v }),
        (["entropy-coefficient", "entropyCoefficient", "entropy"], "entropy-bonus coefficient", (c, v) => c with { EntropyCoefficient = Real(v) }),
        (["clip-ratio", "clipRatio", "clip"], "PPO clip epsilon", (c, v) => c with { ClipRatio = Real(v) }),
        (["loss-aggregation", "lossAggregation"], "token-mean | seq-mean-token-sum | seq-mean-token-mean", (c, v) => c with { LossAggregation = v }),
        (["samples-per-prompt", "samplesPerPrompt", "n"], "responses per prompt", (c, v) => c with { SamplesPerPrompt = Int(v) }),
        (["prompts-per-step", "promptsPerStep", "batch"], "prompts per training step", (c, v) => c with { PromptsPerStep = Int(v) }),
        (["mini-batch-prompts", "miniBatchPrompts", "mini-batch"], "prompts per optimizer step", (c, v) => c with { MiniBatchPrompts = Int(v) }),
        (["micro-batch-size", "microBatchSize", "micro-batch"], "samples per forward/backward", (c, v) => c with { MicroBatchSize = Int(v) }),
        (["steps"], "training steps", (c, v) => c with { Steps = Int(v) }),
        (["checkpoint-interval", "checkpointInterval", "save-every"], "steps between checkpoints", (c, v) => c with { CheckpointInterval = Int(v) }),
        (["keep-checkpoints", "keepCheckpoints"], "checkpoints kept (0 = all)", (c, v) => c with { KeepCheckpoints = Int(v) }),
        (["eval-interval", "evalInterval"], "steps between evaluations", (c, v) => c with { EvalInterval = Int(v) }),
        (["max-turns", "maxTurns"], "turns per episode", (c, v) => c with { MaxTurns = Int(v) }),
        (["max-new-tokens", "maxNewTokens"], "new tokens per turn", (c, v) => c with { MaxNewTokens = Int(v) }),
        (["temperature"], "sampling temperature", (c, v) => c with { Temperature = Real(v) }),
        (["top-p", "topP"], "nucleus mass", (c, v) => c with { TopP = Real(v) }),
        (["trainable", "trainable-parameters", "trainableParameters"], "parameter patterns to train", (c, v) => c with { TrainableParameters = v }),
        (["model"], "HF model folder", (c, v) => c with { Model = v }),
        (["device"], "cpu | cuda", (c, v) => c with { Device = v }),
        (["output", "output-dir", "outputDir", "out"], "run folder", (c, v) => c with { OutputDir = v }),
    ];

    /// <summary>The option names and their help, for <c>--help</c>.</summary>
    public static IEnumerable<(string Name, string Aliases, string Help)> Describe() =>
        Options.Select(o => ("--" + o.Names[0], string.Join(", ", o.Names.Skip(1).Select(n => "--" + n)), o.Help));

    /// <summary>
    /// Applies <paramref name="args"/> to <paramref name="config"/>. <c>--config path</c> is handled by the caller
    /// (see <see cref="LoadWithOverrides"/>). Returns the validated result.
    /// </summary>
    public static RunConfig Apply(RunConfig config, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new RunConfigException($"Unexpected argument '{arg}'; options look like --name value.");
            var name = arg[2..];
            string value;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else
            {
                if (i + 1 >= args.Count)
                    throw new RunConfigException($"Option --{name} needs a value.");
                value = args[++i];
            }
            var option = Options.FirstOrDefault(o => o.Names.Contains(name, StringComparer.OrdinalIgnoreCase));
            if (option.Set is null)
                throw new RunConfigException($"Unknown option --{name}. Known: {string.Join(", ", Options.Select(o => "--" + o.Names[0]))}.");
            try
            {
                config = option.Set(config, value);
            }
            catch (FormatException)
            {
                throw new RunConfigException($"Option --{name}: '{value}' is not a valid {option.Help} value.");
            }
        }
        return config.Validate();
    }

    /// <summary>
    /// The defaults, then the file given by <c>--config path</c> (if any), then the other options in order.
    /// </summary>
    public static RunConfig LoadWithOverrides(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var config = new RunConfig();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config")
            {
                if (i + 1 >= args.Count)
                    throw new RunConfigException("Option --config needs a file path.");
                config = RunConfig.Load(args[++i]);
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
                config = RunConfig.Load(args[i]["--config=".Length..]);
            else
                rest.Add(args[i]);
        }
        return Apply(config, rest);
    }

    private static int Int(string v) => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture);
    private static double Real(string v) => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
}
