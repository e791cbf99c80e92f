using ToolRL.Construction.Composition;

namespace ToolRL.Construction.Procedural;

/// <summary>The shape of a procedural universe; the same options always give the same universe.</summary>
public sealed record ProceduralOptions
{
    /// <summary>Seed of every random choice (names, fact tables, phrases, composed tasks).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Scenarios (environments) in the universe.</summary>
    public int Scenarios { get; init; } = 24;

    /// <summary>Entity kinds per scenario; one of them is numeric (integer-typed parameters), the rest are named.</summary>
    public int KindsPerScenario { get; init; } = 5;

    /// <summary>Tools per scenario: each maps one kind to another, so outputs chain into inputs.</summary>
    public int ToolsPerScenario { get; init; } = 8;

    /// <summary>Entities of every kind, so rows in every tool's fact table.</summary>
    public int EntitiesPerTool { get; init; } = 12;

    /// <summary>Tasks wanted per structure and scenario (the seed is derived per scenario from <see cref="Seed"/>).</summary>
    public CompositionOptions Composition { get; init; } = new() { SingleHop = 20, ParallelSingleHop = 20, MultiHop = 20, ParallelMultiHop = 20, MaxConsecutiveFailures = 300 };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Scenarios < 1)
            throw new ArgumentException($"Scenarios must be at least 1 (got {Scenarios}).");
        if (KindsPerScenario < 3 || KindsPerScenario > WordLists.MaxKindsPerScenario)
            throw new ArgumentException($"KindsPerScenario must be between 3 and {WordLists.MaxKindsPerScenario} (got {KindsPerScenario}).");
        var pairs = KindsPerScenario * (KindsPerScenario - 1);
        if (ToolsPerScenario < 2 || ToolsPerScenario > pairs)
            throw new ArgumentException($"ToolsPerScenario must be between 2 and {pairs} for {KindsPerScenario} kinds (got {ToolsPerScenario}).");
        if (EntitiesPerTool < 2 || EntitiesPerTool * (KindsPerScenario - 1) > WordLists.EntityNameCapacity)
            throw new ArgumentException($"EntitiesPerTool must be at least 2 and leave {KindsPerScenario - 1} kinds within {WordLists.EntityNameCapacity} entity names (got {EntitiesPerTool}).");
        ArgumentNullException.ThrowIfNull(Composition);
        Composition.Validate();
    }
}
