using System.Globalization;
using System.Text;
using ToolRL.Construction.Sources;
using ToolRL.Tools;

namespace ToolRL.Construction.Procedural;

/// <summary>
/// Draws one procedural scenario: entity kinds (one numbered, the rest named), every kind's entities, and tools that
/// each map one kind to another through a one-to-one fact table, so any output is a known input of every tool taking
/// its kind (chains compose) and a neighbouring argument always gives another answer (tasks are discriminative).
/// </summary>
internal static class ScenarioGenerator
{
    /// <summary>The scenario <paramref name="index"/> of a universe, from its own random stream.</summary>
    public static ScenarioSource Generate(ProceduralOptions options, int index, Random random)
    {
        var name = $"universe-{index + 1:00}";
        var kinds = DrawKinds(options, random);
        var pairs = new List<(int From, int To)>();
        for (var a = 0; a < kinds.Count; a++)
        {
            for (var b = 0; b < kinds.Count; b++)
            {
                if (a != b)
                    pairs.Add((a, b));
            }
        }
        Shuffle(pairs, random);

        var tables = new List<FactTable>();
        var definitions = new List<ToolDefinition>();
        var signatures = new List<ToolSignature>();
        var facts = new List<ToolFact>();
        foreach (var (from, to) in pairs.Take(options.ToolsPerScenario))
        {
            var source = kinds[from];
            var target = kinds[to];
            var verb = WordLists.Verbs[random.Next(WordLists.Verbs.Length)];
            var toolName = $"{verb}_{source.Noun}_{target.Noun}";
            var patterns = source.Numbered ? WordLists.NumberPhrases : WordLists.Phrases;
            var phrase = string.Format(CultureInfo.InvariantCulture, patterns[random.Next(patterns.Length)],
                target.Title, "{" + source.Parameter + "}");
            var targets = target.Entities.ToArray();
            Shuffle(targets, random);
            var rows = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < source.Entities.Count; i++)
            {
                rows[source.Entities[i]] = targets[i];
                facts.Add(new ToolFact(toolName, "{" + ToolRL.Json.Quote(source.Parameter) + ":" + source.Json(source.Entities[i]) + "}", targets[i]));
            }
            tables.Add(new FactTable(toolName, source.Parameter, source.JsonType, rows));
            var description = $"{Capitalize(verb)} {Article(source.Noun)} {source.Noun}: returns the {target.Title} on record for it.";
            definitions.Add(new ToolDefinition(toolName, description, Schema(source)));
            signatures.Add(new ToolSignature(toolName, Pascal(toolName), phrase,
                [new ToolParameter(source.Parameter, source.ClrType, source.JsonType, true, source.ParameterDescription)], target.ClrType));
        }
        var invoker = new FactTableInvoker(tables);
        var scenarioDescription = $"Procedural scenario {index + 1} of the generalist universe; its kinds: {string.Join(", ", kinds.Select(k => k.Title))}.";
        return new ScenarioSource(name, scenarioDescription, definitions, signatures, facts, () => invoker);
    }

    private static List<Kind> DrawKinds(ProceduralOptions options, Random random)
    {
        var named = WordLists.NamedKinds.ToArray();
        Shuffle(named, random);
        var names = new List<string>(WordLists.EntityNameCapacity);
        foreach (var adjective in WordLists.EntityAdjectives)
        {
            foreach (var noun in WordLists.EntityNouns)
                names.Add(Capitalize(adjective) + " " + Capitalize(noun));
        }
        Shuffle(names, random);
        var kinds = new List<Kind>();
        var n = options.EntitiesPerTool;
        for (var k = 0; k < options.KindsPerScenario - 1; k++)
            kinds.Add(new Kind(named[k], false, names.GetRange(k * n, n)));

        var numbers = new HashSet<int>();
        while (numbers.Count < n)
            numbers.Add(random.Next(100_000, 1_000_000));
        var numbered = WordLists.NumberedKinds[random.Next(WordLists.NumberedKinds.Length)];
        kinds.Insert(random.Next(kinds.Count + 1),
            new Kind(numbered, true, numbers.Select(x => x.ToString(CultureInfo.InvariantCulture)).ToList()));
        return kinds;
    }

    private static string Schema(Kind kind) =>
        "{\"type\":\"object\",\"properties\":{" + ToolRL.Json.Quote(kind.Parameter) + ":{\"type\":" + ToolRL.Json.Quote(kind.JsonType) +
        ",\"description\":" + ToolRL.Json.Quote(kind.ParameterDescription) + "}},\"required\":[" + ToolRL.Json.Quote(kind.Parameter) + "]}";

    private static void Shuffle<T>(IList<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static string Article(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string Pascal(string snake)
    {
        var builder = new StringBuilder();
        foreach (var part in snake.Split('_'))
            builder.Append(Capitalize(part));
        return builder.ToString();
    }

    /// <summary>An entity kind: a named one (string parameter, "Amber Heron") or a numbered one (integer parameter, 482913).</summary>
    private sealed record Kind(string Noun, bool Numbered, List<string> Entities)
    {
        public string Parameter => Numbered ? Noun + "_number" : Noun;
        public string Title => Numbered ? Noun + " number" : Noun;
        public string JsonType => Numbered ? "integer" : "string";
        public string ClrType => Numbered ? "long" : "string";
        public string ParameterDescription => Numbered ? $"The {Noun} number." : $"The {Noun}'s name.";
        public string Json(string entity) => Numbered ? entity : ToolRL.Json.Quote(entity);
    }
}
