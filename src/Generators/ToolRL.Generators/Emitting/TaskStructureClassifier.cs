using System.Collections.Generic;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Emitting;

/// <summary>
/// The compile-time twin of the Runtime's <c>TaskStructures.Classify</c>: no edges → single-hop (one call) or
/// parallel single-hop; with edges → multi-hop when every two calls are ordered by reachability, otherwise
/// parallel multi-hop. Kept in step with the Runtime by a test that compares both on the same graphs.
/// </summary>
internal static class TaskStructureClassifier
{
    public static string Classify(EquatableArray<CallModel> calls)
    {
        var hasEdges = false;
        foreach (var call in calls)
            hasEdges |= call.DependsOn.Count > 0;
        if (!hasEdges)
            return calls.Count == 1 ? "SingleHop" : "ParallelSingleHop";

        var reach = new HashSet<int>[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            reach[i] = new HashSet<int>();
            foreach (var dependency in calls[i].DependsOn)
            {
                reach[i].Add(dependency);
                reach[i].UnionWith(reach[dependency]);
            }
        }
        for (var i = 0; i < calls.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (!reach[i].Contains(j))
                    return "ParallelMultiHop";
            }
        }
        return "MultiHop";
    }
}
