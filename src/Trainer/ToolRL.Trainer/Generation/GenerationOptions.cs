namespace ToolRL.Trainer.Generation;

/// <summary>How <see cref="SequenceGenerator"/> samples.</summary>
internal sealed record GenerationOptions
{
    /// <summary>Maximum tokens generated per row (the stop token, when hit, counts).</summary>
    public int MaxNewTokens { get; init; } = 256;
    /// <summary>Always take the most likely token (ignores Temperature/TopK/TopP; log-probs then use temperature 1).</summary>
    public bool Greedy { get; init; }
    /// <summary>Softmax temperature (&gt; 0). Reported log-probs are of the temperature-scaled, unfiltered distribution.</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Keep only the k most likely tokens (0 = off).</summary>
    public int TopK { get; init; }
    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches p (1 = off).</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>Seed of the torch generator: same seed, model and prompts → same tokens.</summary>
    public int Seed { get; init; }
    /// <summary>End tokens; null = the model's <c>EndTokenIds</c> (config.json + generation_config.json).</summary>
    public IReadOnlyList<int>? StopTokenIds { get; init; }
    /// <summary>Token id used for padding (never attended to; any valid id).</summary>
    public int PadTokenId { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxNewTokens < 1) throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, "MaxNewTokens must be at least 1.");
        if (!Greedy && !(Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be > 0 (use Greedy for argmax).");
        if (TopK < 0) throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "TopK must be ≥ 0.");
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
    }
}
