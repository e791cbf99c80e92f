using ToolRL.Construction.Toolsets;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Integration;

/// <summary>
/// The paper's function-integration stage: each group of overlapping tools becomes one integrated tool with
/// an <c>operation</c> enum; its dispatcher routes to the originals, and golden calls are rewritten to call
/// the integrated tool with the original's name as the operation, so gold answers stay valid.
/// </summary>
public static class FunctionIntegration
{
    /// <summary>Integrates the overlap groups <see cref="ToolOverlapDetector"/> finds (the toolset is returned unchanged when there are none).</summary>
    public static Toolset Integrate(Toolset toolset, double threshold = ToolOverlapDetector.DefaultThreshold) =>
        Integrate(toolset, ToolOverlapDetector.Detect(toolset, threshold));

    /// <summary>Integrates the given overlap groups.</summary>
    public static Toolset Integrate(Toolset toolset, IReadOnlyList<ToolOverlap> overlaps)
    {
        if (overlaps.Count == 0)
            return toolset;
        var taken = toolset.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var merged = new List<MergedTool>();
        foreach (var overlap in overlaps)
        {
            var members = overlap.Tools.Select(name => Member(toolset, name)).ToList();
            var name = UniqueName(IntegratedName(members.Select(m => m.Signature).ToList()), taken);
            merged.Add(MergedTool.Build(name, "Integrated tool for overlapping operations.", members));
        }
        return Replace(toolset, "integrated", merged);
    }

    /// <summary>The toolset with each merged tool in place of its members (at the first member's position).</summary>
    internal static Toolset Replace(Toolset toolset, string suffix, IReadOnlyList<MergedTool> merged)
    {
        var byMember = new Dictionary<string, MergedTool>(StringComparer.Ordinal);
        foreach (var m in merged)
        {
            foreach (var member in m.Members)
                byMember[member] = m;
        }
        var tools = new List<ToolDefinition>();
        var signatures = new List<ToolSignature>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < toolset.Tools.Count; i++)
        {
            if (byMember.TryGetValue(toolset.Tools[i].Name, out var m))
            {
                if (placed.Add(m.Name))
                {
                    tools.Add(m.Definition);
                    signatures.Add(m.Signature);
                }
                continue;
            }
            tools.Add(toolset.Tools[i]);
            signatures.Add(toolset.Signatures[i]);
        }
        return toolset.Derive(suffix, tools, signatures, inner => new MergedToolInvoker(inner, merged), q =>
            byMember.TryGetValue(q.ToolName, out var m) ? q with { ToolName = m.Name, ArgumentsJson = m.WrapArguments(q.ToolName, q.ArgumentsJson) } : q);
    }

    internal static (ToolDefinition Definition, ToolSignature Signature) Member(Toolset toolset, string name)
    {
        for (var i = 0; i < toolset.Tools.Count; i++)
        {
            if (toolset.Tools[i].Name == name)
                return (toolset.Tools[i], toolset.Signatures[i]);
        }
        throw new ArgumentException($"Toolset '{toolset.Name}' has no tool '{name}'.", nameof(name));
    }

    internal static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var k = 2; !taken.Add(candidate); k++)
            candidate = name + "_" + k;
        return candidate;
    }

    /// <summary><c>get_population</c> + <c>get_area</c> (both on <c>city</c>) → <c>get_city_info</c>.</summary>
    private static string IntegratedName(IReadOnlyList<ToolSignature> members)
    {
        var verb = members[0].Name.Split('_')[0];
        var sameVerb = members.All(m => m.Name.Split('_')[0] == verb) && members[0].Name.Contains('_');
        var subject = members[0].Parameters.Count > 0 ? members[0].Parameters[0].Name : "general";
        return (sameVerb ? verb + "_" : "") + subject + "_info";
    }
}
