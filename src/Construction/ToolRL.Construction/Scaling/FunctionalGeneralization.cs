using ToolRL.Construction.Integration;
using ToolRL.Construction.Toolsets;
using ToolRL.Tools;

namespace ToolRL.Construction.Scaling;

/// <summary>
/// Functional generalization: tools are grouped (2–3 per group, seeded) into general tools whose
/// <c>operation</c> parameter selects what they answer, so one tool covers more than one sub-question.
/// Unlike integration, the grouped tools need not overlap; same-named parameters must share a JSON type.
/// </summary>
public static class FunctionalGeneralization
{
    /// <summary>Applies the strategy; a toolset with fewer than two mergeable tools is returned with only the suffix changed.</summary>
    public static Toolset Apply(Toolset toolset, Random random)
    {
        var order = Enumerable.Range(0, toolset.Tools.Count).OrderBy(_ => random.Next()).ToList();
        var taken = toolset.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var merged = new List<MergedTool>();
        var group = new List<int>();
        var size = random.Next(2, 4);
        foreach (var i in order)
        {
            if (toolset.Signatures[i].Parameters.Any(p => p.Name == MergedTool.OperationParameter) || !Compatible(toolset, group, i))
                continue;
            group.Add(i);
            if (group.Count == size)
            {
                merged.Add(Build(toolset, group, taken));
                group.Clear();
                size = random.Next(2, 4);
            }
        }
        if (group.Count >= 2)
            merged.Add(Build(toolset, group, taken));
        return FunctionIntegration.Replace(toolset, "generalized", merged);
    }

    private static bool Compatible(Toolset toolset, List<int> group, int candidate) =>
        group.All(g => toolset.Signatures[g].Parameters.All(p =>
            toolset.Signatures[candidate].Parameters.All(q => q.Name != p.Name || q.JsonType == p.JsonType)));

    private static MergedTool Build(Toolset toolset, List<int> group, HashSet<string> taken)
    {
        var members = group.OrderBy(i => i).Select(i => (toolset.Tools[i], toolset.Signatures[i])).ToList();
        var nouns = members.Select(m => string.Join('_', m.Item1.Name.Split('_').Skip(m.Item1.Name.Contains('_') ? 1 : 0)));
        var name = FunctionIntegration.UniqueName("lookup_" + string.Join("_or_", nouns), taken);
        return MergedTool.Build(name, "A general tool that answers several kinds of question.", members);
    }
}
