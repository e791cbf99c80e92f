using ToolRL.Construction.Toolsets;
using ToolRL.Tools;

namespace ToolRL.Construction.Integration;

/// <summary>
/// Finds tools with overlapping functionality: the same parameter shape (names, JSON types, required-ness) and
/// return type, and similar names or descriptions (Jaccard similarity of content words, generic verbs such as
/// "get" and stop words left out). Overlapping pairs are grouped transitively.
/// This runs when a toolset is built (not as a Roslyn analyzer; see the construction report).
/// </summary>
public static class ToolOverlapDetector
{
    private static readonly HashSet<string> Ignored =
    [
        "get", "find", "fetch", "lookup", "look", "query", "search", "list", "retrieve", "show", "return", "returns",
        "the", "a", "an", "of", "in", "for", "to", "and", "or", "by", "on", "at", "with", "from", "is", "it", "its", "this", "that",
    ];

    /// <summary>Default minimum similarity.</summary>
    public const double DefaultThreshold = 0.15;

    /// <summary>The overlap groups of <paramref name="toolset"/>'s tools.</summary>
    public static IReadOnlyList<ToolOverlap> Detect(Toolset toolset, double threshold = DefaultThreshold) =>
        Detect(toolset.Tools, toolset.Signatures, threshold);

    /// <summary>The overlap groups among <paramref name="tools"/> (parallel to <paramref name="signatures"/>).</summary>
    public static IReadOnlyList<ToolOverlap> Detect(IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolSignature> signatures, double threshold = DefaultThreshold)
    {
        var n = tools.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var minSimilarity = new Dictionary<int, double>();
        var nameWords = tools.Select(t => Words(t.Name.Replace('_', ' '))).ToArray();
        var descriptionWords = tools.Select(t => Words(t.Description)).ToArray();
        var pairs = new List<(int A, int B, double S)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (!SameShape(signatures[i], signatures[j]))
                    continue;
                var similarity = Math.Max(Jaccard(nameWords[i], nameWords[j]), Jaccard(descriptionWords[i], descriptionWords[j]));
                if (similarity >= threshold)
                    pairs.Add((i, j, similarity));
            }
        }
        foreach (var (a, b, _) in pairs)
            parent[Find(a)] = Find(b);
        var groups = new List<ToolOverlap>();
        foreach (var group in Enumerable.Range(0, n).GroupBy(Find).Where(g => g.Count() > 1))
        {
            var members = group.OrderBy(i => i).ToList();
            var inGroup = pairs.Where(p => members.Contains(p.A)).ToList();
            var s = inGroup.Min(p => p.S);
            var shape = string.Join(", ", signatures[members[0]].Parameters.Select(p => p.Name + ": " + p.JsonType));
            groups.Add(new ToolOverlap(members.Select(i => tools[i].Name).ToArray(), Math.Round(s, 3),
                $"same parameters ({shape}) and return type {signatures[members[0]].ReturnType}; similar names or descriptions (similarity ≥ {Math.Round(s, 2)})"));
        }
        return groups;
    }

    /// <summary>Same parameter names, JSON types and required-ness in order, and the same return type.</summary>
    public static bool SameShape(ToolSignature a, ToolSignature b)
    {
        if (a.ReturnType != b.ReturnType || a.Parameters.Count != b.Parameters.Count)
            return false;
        for (var i = 0; i < a.Parameters.Count; i++)
        {
            var (p, q) = (a.Parameters[i], b.Parameters[i]);
            if (p.Name != q.Name || p.JsonType != q.JsonType || p.Required != q.Required)
                return false;
        }
        return true;
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant()
            .Split([' ', '.', ',', ';', ':', '(', ')', '-', '\'', '"', '/', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Ignored.Contains(w))
            .ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
            return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
