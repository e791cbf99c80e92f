using System.Text.Json;
using ToolRL.Construction.Sources;
using ToolRL.Tools;

namespace Construction.Tests.Scenarios;

/// <summary>Wraps a source and counts fresh invokers and calls, to observe laziness and freshness.</summary>
public sealed class CountingSource
{
    public int Invokers;
    public int Calls;

    public ScenarioSource Wrap(ScenarioSource inner) => new(inner.Name, inner.Description, inner.Tools, inner.Signatures, inner.Facts, () =>
    {
        Interlocked.Increment(ref Invokers);
        return new Counting(inner.NewInvoker(), this);
    });

    private sealed class Counting(IToolInvoker inner, CountingSource owner) : IToolInvoker
    {
        public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner.Calls);
            return inner.Invoke(toolName, arguments, cancellationToken);
        }
    }
}
