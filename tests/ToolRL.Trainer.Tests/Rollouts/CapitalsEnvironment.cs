using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Trainer.Tests.Rollouts;

/// <summary>A one-tool environment with real sessions, counting how many were opened and disposed.</summary>
internal sealed class CapitalsEnvironment : IToolEnvironment
{
    private static readonly Dictionary<string, string> Capitals = new() { ["France"] = "Paris", ["Japan"] = "Tokyo", ["Peru"] = "Lima" };

    public int Opened;
    public int Disposed;

    public string Name => "capitals";
    public string Description => "Capitals of countries.";
    public IReadOnlyList<ToolDefinition> Tools { get; } =
        [new ToolDefinition("get_capital", "Returns the capital of a country.", """{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}""")];
    public IReadOnlyList<EnvironmentTask> Tasks { get; } =
    [
        new("capitals/A", "capitals", "What is the capital of France?", TaskStructure.SingleHop,
            [new SubQuestion(0, "get_capital", """{"country":"France"}""", [], "Paris")], "Paris"),
        new("capitals/B", "capitals", "What are the capitals of Japan and Peru?", TaskStructure.ParallelSingleHop,
            [new SubQuestion(0, "get_capital", """{"country":"Japan"}""", [], "Tokyo"),
             new SubQuestion(1, "get_capital", """{"country":"Peru"}""", [], "Lima")], "Tokyo, Lima"),
    ];

    public IToolSession OpenSession()
    {
        Interlocked.Increment(ref Opened);
        return new Session(this);
    }

    private sealed class Session(CapitalsEnvironment owner) : IToolSession
    {
        public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default)
        {
            using var doc = JsonDocument.Parse(call.ArgumentsJson);
            var country = doc.RootElement.TryGetProperty("country", out var c) ? c.GetString() ?? "" : "";
            return ValueTask.FromResult(Capitals.TryGetValue(country, out var capital)
                ? ToolResult.Ok(capital)
                : new ToolResult(ToolOutcome.ToolError, $"an error occured when call {call.Name}: unknown country {country}"));
        }

        public void Dispose() => Interlocked.Increment(ref owner.Disposed);
    }
}
