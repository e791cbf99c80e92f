namespace ToolRL.Tasks;

/// <summary>Classifies a golden call graph into one of the four structures.</summary>
public static class TaskStructures
{
    /// <summary>
    /// No dependency: one call is <see cref="TaskStructure.SingleHop"/>, more are
    /// <see cref="TaskStructure.ParallelSingleHop"/>. With dependencies: a graph whose calls form one
    /// chain (every two calls are ordered by reachability) is <see cref="TaskStructure.MultiHop"/>; any
    /// two independent calls make it <see cref="TaskStructure.ParallelMultiHop"/>.
    /// </summary>
    public static TaskStructure Classify(IReadOnlyList<GoldenCallSpec> calls)
    {
        if (calls.Count == 0)
            throw new ArgumentException("A task has at least one golden call.", nameof(calls));
        var hasEdges = calls.Any(c => c.DependsOn.Count > 0);
        if (!hasEdges)
            return calls.Count == 1 ? TaskStructure.SingleHop : TaskStructure.ParallelSingleHop;

        // reach[i] holds every call that i (transitively) consumes.
        var reach = new HashSet<int>[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            reach[i] = [];
            foreach (var d in calls[i].DependsOn)
            {
                if (d < 0 || d >= i)
                    throw new ArgumentException($"Call {i} depends on call {d}, which does not precede it.", nameof(calls));
                reach[i].Add(d);
                reach[i].UnionWith(reach[d]);
            }
        }
        for (var i = 0; i < calls.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (!reach[i].Contains(j))
                    return TaskStructure.ParallelMultiHop;
            }
        }
        return TaskStructure.MultiHop;
    }

    /// <summary>The longest chain of dependent calls (1 for single-hop tasks).</summary>
    public static int HopDepth(IReadOnlyList<GoldenCallSpec> calls)
    {
        var depth = new int[calls.Count];
        var max = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            depth[i] = 1 + (calls[i].DependsOn.Count == 0 ? 0 : calls[i].DependsOn.Max(d => depth[d]));
            max = Math.Max(max, depth[i]);
        }
        return max;
    }
}
