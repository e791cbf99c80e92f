using ToolRL.Tasks;

namespace ToolRL.Cli.Describe;

/// <summary>The paper's names of the four task structures, as the describe output prints them.</summary>
internal static class StructureLabels
{
    /// <summary>The structures in the order they are listed.</summary>
    public static IReadOnlyList<TaskStructure> All { get; } =
        [TaskStructure.SingleHop, TaskStructure.ParallelSingleHop, TaskStructure.MultiHop, TaskStructure.ParallelMultiHop];

    /// <summary>E.g. <c>parallel multi-hop</c>.</summary>
    public static string Label(this TaskStructure structure) => structure switch
    {
        TaskStructure.SingleHop => "single-hop",
        TaskStructure.ParallelSingleHop => "parallel single-hop",
        TaskStructure.MultiHop => "multi-hop",
        TaskStructure.ParallelMultiHop => "parallel multi-hop",
        _ => structure.ToString(),
    };
}
