using ToolRL.Construction.Composition;
using ToolRL.Construction.Scaling;

namespace ToolRL.Construction.Pipeline;

/// <summary>What to build per scenario: how many tasks of each structure, which variants, whether to integrate and validate.</summary>
public sealed record ConstructionPlan
{
    /// <summary>Task counts and shape limits.</summary>
    public CompositionOptions Composition { get; init; } = new();

    /// <summary>The scaling strategies of each variant (seeded); every valid task is emitted once per variant. <see cref="ScalingStrategy.None"/> is the base toolset.</summary>
    public IReadOnlyList<(ScalingStrategy Strategies, int Seed)> Variants { get; init; } = [(ScalingStrategy.None, 1)];

    /// <summary>Distractor tools per toolset-extension variant.</summary>
    public int Distractors { get; init; } = 3;

    /// <summary>Integrate overlapping tools before scaling.</summary>
    public bool Integrate { get; init; }

    /// <summary>Validate every composed task (golden path, discriminativeness, question) and drop invalid ones.</summary>
    public bool Validate { get; init; } = true;
}
