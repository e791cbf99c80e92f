using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Testing;

/// <summary>
/// A hand-written two-tool environment (capital of a country, population of a city) with tasks of three
/// structures, standing in for the sample scenarios in Trainer tests. Unknown arguments get error feedback.
/// </summary>
public sealed class AtlasEnvironment : IToolEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Capitals = new Dictionary<string, string>
    {
        ["France"] = "Paris", ["Japan"] = "Tokyo", ["Peru"] = "Lima", ["Kenya"] = "Nairobi",
        ["Chile"] = "Santiago", ["Egypt"] = "Cairo", ["Spain"] = "Madrid", ["Italy"] = "Rome",
    };

    public static readonly IReadOnlyDictionary<string, string> Populations = new Dictionary<string, string>
    {
        ["Paris"] = "2.1 million", ["Tokyo"] = "14 million", ["Lima"] = "10 million", ["Nairobi"] = "4.4 million",
        ["Santiago"] = "6.3 million", ["Cairo"] = "10 million", ["Madrid"] = "3.3 million", ["Rome"] = "2.8 million",
    };

    public string Name => "atlas";
    public string Description => "Countries and cities.";

    public IReadOnlyList<ToolDefinition> Tools { get; } =
    [
        new("get_capital", "Returns the capital city of a country.", "{\"type\":\"object\",\"properties\":{\"country\":{\"type\":\"string\"}},\"required\":[\"country\"]}"),
        new("get_population", "Returns the population of a city.", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
    ];

    public IReadOnlyList<EnvironmentTask> Tasks { get; } = BuildTasks();

    public IToolSession OpenSession() => new Session();

    public static string Args(string name, string value) => "{\"" + name + "\":\"" + value + "\"}";

    private static IReadOnlyList<EnvironmentTask> BuildTasks()
    {
        var tasks = new List<EnvironmentTask>();
        var countries = Capitals.Keys.ToArray();
        for (int i = 0; i < countries.Length; i++)
        {
            string c = countries[i], capital = Capitals[c], other = countries[(i + 1) % countries.Length];
            tasks.Add(new EnvironmentTask($"atlas/capital-{c}", "atlas", $"What is the capital of {c}?", TaskStructure.SingleHop,
                [new SubQuestion(0, "get_capital", Args("country", c), [], capital)], capital));
            tasks.Add(new EnvironmentTask($"atlas/capital-population-{c}", "atlas", $"How many people live in the capital of {c}?", TaskStructure.MultiHop,
                [new SubQuestion(0, "get_capital", Args("country", c), [], capital),
                 new SubQuestion(1, "get_population", Args("city", capital), [0], Populations[capital])], Populations[capital]));
            tasks.Add(new EnvironmentTask($"atlas/two-capitals-{c}", "atlas", $"What are the capitals of {c} and {other}?", TaskStructure.ParallelSingleHop,
                [new SubQuestion(0, "get_capital", Args("country", c), [], capital),
                 new SubQuestion(1, "get_capital", Args("country", other), [], Capitals[other])], $"{capital}, {Capitals[other]}"));
        }
        return tasks;
    }

    private sealed class Session : IToolSession
    {
        public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default)
        {
            string? value = null;
            try
            {
                using var doc = JsonDocument.Parse(call.ArgumentsJson);
                value = call.Name switch
                {
                    "get_capital" => Lookup(doc, "country", Capitals),
                    "get_population" => Lookup(doc, "city", Populations),
                    _ => null,
                };
            }
            catch (JsonException) { }
            return ValueTask.FromResult(value is null
                ? new ToolResult(ToolOutcome.InvalidArguments, $"an error occured when call {call.Name}: unknown tool or arguments")
                : ToolResult.Ok(value));
        }

        private static string? Lookup(JsonDocument doc, string name, IReadOnlyDictionary<string, string> table) =>
            doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                && table.TryGetValue(v.GetString()!, out var found) ? found : null;

        public void Dispose() { }
    }
}
