using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Benchmarks.Turns;

/// <summary>A one-tool scenario written by hand, shaped like generated code: the cheapest possible tool.</summary>
public interface ITrivialTools
{
    string GetCapital(string country);
}

/// <summary>The trivial implementation: a constant lookup.</summary>
public sealed class TrivialTools : ITrivialTools
{
    public string GetCapital(string country) => country == "France" ? "Paris" : "unknown";
}

/// <summary>Dispatcher and metadata for <see cref="ITrivialTools"/>.</summary>
public sealed class TrivialScenario : IScenario<ITrivialTools>
{
    public string Name => "trivial";
    public string Description => "One constant lookup.";
    public IReadOnlyList<ToolDefinition> Tools { get; } =
        [new("get_capital", "Capital of a country.", """{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}""")];
    public IReadOnlyList<ToolSignature> Signatures => [];
    public IReadOnlyList<ToolFact> Facts => [];
    public string Markdown => "";
    public Func<ITrivialTools>? LocalImplementation => () => new TrivialTools();

    // Gold "Tokyo" is never produced for France, so a long-lived episode never changes state between turns.
    public IReadOnlyList<TaskDescriptor<ITrivialTools>> Tasks { get; } =
    [
        new("trivial/Japan", "What is the capital of Japan?",
            [new GoldenCallSpec(0, "get_capital", [])], t => { t.GetCapital("France"); return "Tokyo"; }),
    ];

    public ITrivialTools CreateRecorder(ITrivialTools inner, GoldenRecorder recorder) => new Recorder(inner, recorder);

    public ToolResult Invoke(ITrivialTools tools, string toolName, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (toolName != "get_capital")
            return ToolFeedback.UnknownTool(toolName);
        if (!arguments.TryGetProperty("country", out var country))
            return ToolFeedback.MissingArgument(toolName, "country");
        if (country.ValueKind != JsonValueKind.String)
            return ToolFeedback.InvalidArgument(toolName, "country", "a string");
        return ToolResult.Ok(tools.GetCapital(country.GetString()!));
    }

    private sealed class Recorder(ITrivialTools inner, GoldenRecorder recorder) : ITrivialTools
    {
        public string GetCapital(string country)
        {
            var output = inner.GetCapital(country);
            recorder.Record("get_capital", "{\"country\":" + Json.Quote(country) + "}", "Tokyo");
            return output;
        }
    }
}
