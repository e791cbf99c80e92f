namespace ToolRL.Construction.Scaling;

/// <summary>An environment variant: which scenario, which scaling strategies, and the seed of their random choices.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Strategies">The strategies applied, in the order generalization, expansion, type generalization, extension.</param>
/// <param name="Seed">Seed of every choice the strategies make.</param>
/// <param name="Distractors">How many distractor tools toolset extension adds (k).</param>
public sealed record EnvironmentVariant(string Scenario, ScalingStrategy Strategies, int Seed = 1, int Distractors = 3)
{
    /// <summary>A short stable label, e.g. <c>fg+pe@7</c>, or <c>base</c>.</summary>
    public string Label
    {
        get
        {
            if (Strategies == ScalingStrategy.None)
                return "base";
            var parts = new List<string>();
            if (Strategies.HasFlag(ScalingStrategy.FunctionalGeneralization)) parts.Add("fg");
            if (Strategies.HasFlag(ScalingStrategy.ParameterExpansion)) parts.Add("pe");
            if (Strategies.HasFlag(ScalingStrategy.ParameterTypeGeneralization)) parts.Add("ptg");
            if (Strategies.HasFlag(ScalingStrategy.ToolsetExtension)) parts.Add("te" + Distractors);
            return string.Join('+', parts) + "@" + Seed;
        }
    }
}
