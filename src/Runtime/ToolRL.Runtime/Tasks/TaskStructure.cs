namespace ToolRL.Tasks;

/// <summary>The four decomposition structures of the paper's scenario decomposition stage.</summary>
public enum TaskStructure
{
    /// <summary>One call answers the question.</summary>
    SingleHop,
    /// <summary>Several independent calls.</summary>
    ParallelSingleHop,
    /// <summary>One chain: each call consumes the previous call's output.</summary>
    MultiHop,
    /// <summary>Several chains (or a graph with independent branches) where some call consumes another's output.</summary>
    ParallelMultiHop,
}
