using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;

namespace ToolRL.Construction.Scaling;

/// <summary>Builds the toolset of an <see cref="EnvironmentVariant"/> from a scenario (or an already integrated toolset).</summary>
public static class VariantBuilder
{
    /// <summary>
    /// Applies the variant's strategies in a fixed order (generalization, expansion, type generalization,
    /// extension), each with its own random stream from the seed. <paramref name="others"/> supplies distractors.
    /// </summary>
    public static Toolset Build(Toolset toolset, EnvironmentVariant variant, IReadOnlyList<ScenarioSource>? others = null)
    {
        if (variant.Scenario != toolset.Scenario)
            throw new ArgumentException($"Variant is for scenario '{variant.Scenario}' but the toolset is '{toolset.Scenario}'.", nameof(variant));
        var s = variant.Strategies;
        if (s.HasFlag(ScalingStrategy.FunctionalGeneralization))
            toolset = FunctionalGeneralization.Apply(toolset, Stream(variant, 1));
        if (s.HasFlag(ScalingStrategy.ParameterExpansion))
            toolset = ParameterExpansion.Apply(toolset, Stream(variant, 2));
        if (s.HasFlag(ScalingStrategy.ParameterTypeGeneralization))
            toolset = ParameterTypeGeneralization.Apply(toolset, Stream(variant, 3));
        if (s.HasFlag(ScalingStrategy.ToolsetExtension))
        {
            if (others is null || others.Count == 0)
                throw new ArgumentException("Toolset extension needs other scenarios to draw distractor tools from.", nameof(others));
            toolset = ToolsetExtension.Apply(toolset, Stream(variant, 4), others, variant.Distractors);
        }
        return toolset;
    }

    /// <summary>The variant of a scenario's own toolset.</summary>
    public static Toolset Build(ScenarioSource scenario, EnvironmentVariant variant, IReadOnlyList<ScenarioSource>? others = null) =>
        Build(Toolset.Of(scenario), variant, others);

    private static Random Stream(EnvironmentVariant variant, int strategy) => new(unchecked(variant.Seed * 486187739 + strategy * 15485863));
}
