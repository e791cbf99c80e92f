using System.Text.Json;
using ToolRL.Construction.Sources;

namespace ToolRL.Construction.Composition;

/// <summary>
/// The known values of every tool parameter, from the scenario's facts, enum values, documented defaults
/// and optional data files. A parameter without values of its own borrows the values of same-named,
/// same-typed parameters of other tools (a tool's own values come first, so a facts-only tool is called
/// with arguments it has facts for).
/// </summary>
public sealed class ValueDomains
{
    private readonly Dictionary<(string Tool, string Parameter), List<DomainValue>> _own = [];
    private readonly Dictionary<(string Parameter, string JsonType), List<DomainValue>> _pooled = [];
    private readonly HashSet<(string, string, string)> _seen = [];
    private readonly HashSet<(string, string, string)> _pooledSeen = [];
    private readonly ScenarioSource _scenario;

    private ValueDomains(ScenarioSource scenario) => _scenario = scenario;

    /// <summary>Domains from the scenario's facts, enum values and defaults.</summary>
    public static ValueDomains FromScenario(ScenarioSource scenario)
    {
        var domains = new ValueDomains(scenario);
        foreach (var fact in scenario.Facts)
        {
            using var doc = ParseObject(fact.ArgumentsJson, $"fact of tool '{fact.ToolName}'");
            foreach (var p in doc.RootElement.EnumerateObject())
                domains.Add(fact.ToolName, p.Name, p.Value);
        }
        foreach (var call in scenario.ObservedCalls)
        {
            using var doc = ParseObject(call.ArgumentsJson, $"observed call of tool '{call.ToolName}'");
            foreach (var p in doc.RootElement.EnumerateObject())
                domains.Add(call.ToolName, p.Name, p.Value);
        }
        domains.AddObservedOutputs();
        foreach (var s in scenario.Signatures)
        {
            foreach (var p in s.Parameters)
            {
                if (p.EnumValues is { } names)
                {
                    foreach (var n in names)
                        domains.AddValue(s.Name, p.Name, new DomainValue(ToolRL.Json.Quote(n), n));
                }
                if (p.DefaultJson is { } d && d != "null")
                {
                    using var doc = ParseAny(d, $"default of '{s.Name}.{p.Name}'");
                    domains.Add(s.Name, p.Name, doc.RootElement);
                }
            }
        }
        return domains;
    }

    /// <summary>Most producer calls <see cref="AddObservedOutputs"/> makes per demonstrated link.</summary>
    public const int MaxObservationsPerLink = 200;

    /// <summary>
    /// Values observed from outputs: where an authored task feeds tool A's output into parameter p of tool B, A is
    /// run over its own known arguments (fresh implementation each time) and its outputs join p's domain, so
    /// composed chains can link A to B for more than the authored values.
    /// </summary>
    private void AddObservedOutputs()
    {
        var links = new HashSet<(string Producer, string Consumer, string Parameter)>();
        foreach (var task in _scenario.ObservedCalls.GroupBy(c => c.Task))
        {
            var calls = task.OrderBy(c => c.Index).ToList();
            foreach (var consumer in calls)
            {
                foreach (var d in consumer.DependsOn)
                {
                    if (d < 0 || d >= calls.Count)
                        continue;
                    var producer = calls[d];
                    using var doc = JsonDocument.Parse(consumer.ArgumentsJson);
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        var text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                        if (text == producer.Output)
                            links.Add((producer.ToolName, consumer.ToolName, p.Name));
                    }
                }
            }
        }
        foreach (var (producer, consumer, parameter) in links)
        {
            var signature = _scenario.FindSignature(producer);
            if (signature is null || signature.Parameters.Count(p => p.Required) != 1)
                continue; // only single-argument producers are enumerated
            var argument = signature.Parameters.First(p => p.Required).Name;
            foreach (var value in For(producer, argument).Take(MaxObservationsPerLink).ToArray())
            {
                var result = Sources.ToolInvokers.Invoke(_scenario.NewInvoker(), producer, "{" + ToolRL.Json.Quote(argument) + ":" + value.Json + "}");
                if (result.IsOk && result.Text.Length is > 0 and <= 200)
                    Add(consumer, parameter, JsonDocument.Parse(ToolRL.Json.Quote(result.Text)).RootElement);
            }
        }
    }

    /// <summary>
    /// Adds values from a JSON data file: <c>{ "tool_name.parameter": [values], "parameter": [values] }</c>;
    /// a bare parameter name applies to every tool with a parameter of that name.
    /// </summary>
    public ValueDomains AddJson(string json, string origin = "domain data")
    {
        using var doc = ParseObject(json, origin);
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{origin}: '{entry.Name}' must map to an array of values.");
            var dot = entry.Name.IndexOf('.');
            var targets = dot >= 0
                ? [(entry.Name[..dot], entry.Name[(dot + 1)..])]
                : _scenario.Signatures.Where(s => s.Parameters.Any(p => p.Name == entry.Name)).Select(s => (s.Name, entry.Name)).ToList();
            if (targets.Count == 0)
                throw new FormatException($"{origin}: no tool of scenario '{_scenario.Name}' has a parameter '{entry.Name}'.");
            foreach (var (tool, parameter) in targets)
            {
                var signature = _scenario.FindSignature(tool)
                    ?? throw new FormatException($"{origin}: scenario '{_scenario.Name}' has no tool '{tool}'.");
                if (signature.Parameters.All(p => p.Name != parameter))
                    throw new FormatException($"{origin}: tool '{tool}' has no parameter '{parameter}'.");
                foreach (var v in entry.Value.EnumerateArray())
                    Add(tool, parameter, v);
            }
        }
        return this;
    }

    /// <summary>Adds values from a JSON data file on disk (see <see cref="AddJson"/>).</summary>
    public ValueDomains AddJsonFile(string path) => AddJson(File.ReadAllText(path), path);

    /// <summary>The values of <paramref name="parameter"/> of <paramref name="tool"/>: its own, else the pooled ones.</summary>
    public IReadOnlyList<DomainValue> For(string tool, string parameter)
    {
        if (_own.TryGetValue((tool, parameter), out var own) && own.Count > 0)
            return own;
        var signature = _scenario.FindSignature(tool);
        var p = signature?.Parameters.FirstOrDefault(x => x.Name == parameter);
        if (p is not null && _pooled.TryGetValue((parameter, p.JsonType), out var pooled))
            return pooled;
        return [];
    }

    /// <summary>Adds one value given as a JSON element (strings, numbers and booleans; other kinds are ignored).</summary>
    public void Add(string tool, string parameter, JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        if (text is null || text.Length == 0)
            return;
        AddValue(tool, parameter, new DomainValue(value.ValueKind == JsonValueKind.String ? ToolRL.Json.Quote(text) : text, text));
    }

    private void AddValue(string tool, string parameter, DomainValue value)
    {
        if (!_seen.Add((tool, parameter, value.Json)))
            return;
        if (!_own.TryGetValue((tool, parameter), out var list))
            _own[(tool, parameter)] = list = [];
        list.Add(value);
        var jsonType = _scenario.FindSignature(tool)?.Parameters.FirstOrDefault(x => x.Name == parameter)?.JsonType ?? "string";
        if (!_pooled.TryGetValue((parameter, jsonType), out var pool))
            _pooled[(parameter, jsonType)] = pool = [];
        if (_pooledSeen.Add((parameter, jsonType, value.Json)))
            pool.Add(value);
    }

    private static JsonDocument ParseAny(string json, string origin)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{origin} is not valid JSON: {e.Message}", e);
        }
    }

    private static JsonDocument ParseObject(string json, string origin)
    {
        var doc = ParseAny(json, origin);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new FormatException($"{origin} must be a JSON object.");
        }
        return doc;
    }
}
