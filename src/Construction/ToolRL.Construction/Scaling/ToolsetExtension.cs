using System.Text.Json;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Tools;

namespace ToolRL.Construction.Scaling;

/// <summary>
/// Toolset extension: k distractor tools from other scenarios join the toolset (at seeded positions). They
/// work (each session gets fresh distractor state) but answer nothing the task asks; golden calls are unchanged.
/// A distractor whose name the toolset already has is skipped.
/// </summary>
public static class ToolsetExtension
{
    /// <summary>Applies the strategy with <paramref name="count"/> distractors drawn from <paramref name="others"/>.</summary>
    public static Toolset Apply(Toolset toolset, Random random, IReadOnlyList<ScenarioSource> others, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var taken = toolset.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var pool = others.Where(o => o.Name != toolset.Scenario)
            .SelectMany(o => o.Tools.Select((t, i) => (Source: o, Tool: t, Signature: o.Signatures[i])))
            .Where(d => !taken.Contains(d.Tool.Name))
            .GroupBy(d => d.Tool.Name).Select(g => g.First())
            .OrderBy(_ => random.Next())
            .Take(count)
            .ToList();
        var tools = toolset.Tools.ToList();
        var signatures = toolset.Signatures.ToList();
        foreach (var d in pool)
        {
            var at = random.Next(tools.Count + 1);
            tools.Insert(at, d.Tool);
            signatures.Insert(at, d.Signature);
        }
        var owners = pool.ToDictionary(d => d.Tool.Name, d => d.Source, StringComparer.Ordinal);
        return toolset.Derive("extended" + pool.Count, tools, signatures, inner => new DistractorInvoker(inner, owners), q => q);
    }

    private sealed class DistractorInvoker(IToolInvoker inner, Dictionary<string, ScenarioSource> owners) : IToolInvoker
    {
        private readonly Dictionary<string, IToolInvoker> _sessions = new(StringComparer.Ordinal);

        public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
        {
            if (!owners.TryGetValue(toolName, out var owner))
                return inner.Invoke(toolName, arguments, cancellationToken);
            if (!_sessions.TryGetValue(owner.Name, out var session))
                _sessions[owner.Name] = session = owner.NewInvoker();
            return session.Invoke(toolName, arguments, cancellationToken);
        }
    }
}
