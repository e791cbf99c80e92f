namespace ToolRL.Trainer.Rl;

/// <summary>The advantage estimators the paper trains with.</summary>
public enum RlAlgorithm
{
    /// <summary>Group-normalized outcome advantage (<see cref="GrpoAdvantage"/>).</summary>
    Grpo,
    /// <summary>Batch-whitened returns (<see cref="ReinforcePlusPlusAdvantage"/>).</summary>
    ReinforcePlusPlus,
}

/// <summary>Names used in configs and on the command line.</summary>
public static class RlAlgorithmNames
{
    /// <summary>Parses <c>grpo</c> or <c>reinforce++</c> (also <c>reinforce_plus_plus</c>, verl's name).</summary>
    public static RlAlgorithm Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "grpo" => RlAlgorithm.Grpo,
        "reinforce++" or "reinforce_plus_plus" or "reinforceplusplus" or "rpp" => RlAlgorithm.ReinforcePlusPlus,
        _ => throw new ArgumentException($"Unknown algorithm '{name}'; use grpo or reinforce++.", nameof(name)),
    };

    /// <summary>The config name of an algorithm.</summary>
    public static string ToConfigName(this RlAlgorithm algorithm) =>
        algorithm == RlAlgorithm.Grpo ? "grpo" : "reinforce++";
}
