using ToolRL.Tasks;

namespace ToolRL.Construction.Composition;

/// <summary>How many tasks of each structure to compose, and the shape limits.</summary>
public sealed record CompositionOptions
{
    /// <summary>Seed of every random choice; the same seed and scenario give the same tasks in the same order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Single-hop tasks wanted.</summary>
    public int SingleHop { get; init; } = 10;

    /// <summary>Parallel single-hop tasks wanted.</summary>
    public int ParallelSingleHop { get; init; } = 10;

    /// <summary>Multi-hop tasks wanted.</summary>
    public int MultiHop { get; init; } = 10;

    /// <summary>Parallel multi-hop tasks wanted.</summary>
    public int ParallelMultiHop { get; init; } = 10;

    /// <summary>Longest chain of a multi-hop task (at least 2).</summary>
    public int MaxHopDepth { get; init; } = 3;

    /// <summary>Fewest independent calls (or chains) of a parallel task (at least 2).</summary>
    public int MinParallel { get; init; } = 2;

    /// <summary>Most independent calls of a parallel single-hop task (chains of a parallel multi-hop task: at most 3).</summary>
    public int MaxParallel { get; init; } = 4;

    /// <summary>
    /// Consecutive failed attempts (a duplicate, a failing call, a leaked answer) after which a structure stops
    /// short of its count: the scenario's domains cannot give more distinct tasks of that structure.
    /// </summary>
    public int MaxConsecutiveFailures { get; init; } = 2000;

    /// <summary>The wanted count for <paramref name="structure"/>.</summary>
    public int CountOf(TaskStructure structure) => structure switch
    {
        TaskStructure.SingleHop => SingleHop,
        TaskStructure.ParallelSingleHop => ParallelSingleHop,
        TaskStructure.MultiHop => MultiHop,
        TaskStructure.ParallelMultiHop => ParallelMultiHop,
        _ => throw new ArgumentOutOfRangeException(nameof(structure)),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent option.</summary>
    public void Validate()
    {
        if (SingleHop < 0 || ParallelSingleHop < 0 || MultiHop < 0 || ParallelMultiHop < 0)
            throw new ArgumentException("Task counts per structure must not be negative.");
        if (MaxHopDepth < 2)
            throw new ArgumentException($"MaxHopDepth must be at least 2 (got {MaxHopDepth}).");
        if (MinParallel < 2 || MaxParallel < MinParallel)
            throw new ArgumentException($"Parallel width must satisfy 2 <= MinParallel <= MaxParallel (got {MinParallel}..{MaxParallel}).");
        if (MaxConsecutiveFailures < 1)
            throw new ArgumentException("MaxConsecutiveFailures must be positive.");
    }
}
