using System.Text.Json;
using System.Text.RegularExpressions;
using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Procedural;
using ToolRL.Construction.Sources;

namespace Construction.Tests.Procedural;

/// <summary>
/// The universe at its defaults shares nothing with the targets (the travel, shop and library samples and the template's
/// weather desk): no tool name, no entity or fact value, no question, and its vocabulary holds none of the targets'
/// tool-name words. The word lists are disjoint by construction; these tests are the proof.
/// </summary>
public sealed class DisjointFromTargetsTests
{
    private static readonly ScenarioSource[] Samples = SampleSources.All();

    /// <summary>The targets' source files: every value their implementations hold, whether or not a task uses it.</summary>
    private static readonly Lazy<string> TargetText = new(() => string.Join("\n",
        new[] { Path.Combine("samples", "ToolRL.Samples", "Scenarios"), Path.Combine("templates", "ToolRL.Templates", "content", "toolrl-env") }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(DefaultUniverse.RepositoryRoot, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

    private static IEnumerable<string> UniverseValues(ProceduralUniverse universe) =>
        universe.Scenarios.SelectMany(s => s.Source.Facts).SelectMany(f => new[] { ArgumentValue(f.ArgumentsJson), f.Output }).Distinct();

    private static string ArgumentValue(string argumentsJson)
    {
        using var doc = JsonDocument.Parse(argumentsJson);
        var value = doc.RootElement.EnumerateObject().Single().Value;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>Every argument and output value the samples know: facts, value domains, authored calls and their outputs.</summary>
    private static HashSet<string> SampleValues()
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sample in Samples)
        {
            var domains = ValueDomains.FromScenario(sample);
            foreach (var signature in sample.Signatures)
            {
                foreach (var p in signature.Parameters)
                    values.UnionWith(domains.For(signature.Name, p.Name).Select(v => v.Text));
            }
            values.UnionWith(sample.Facts.Select(f => f.Output));
            values.UnionWith(sample.ObservedCalls.Select(c => c.Output));
            values.UnionWith(sample.AuthoredTasks.SelectMany(t => t.SubQuestions).Select(q => q.Answer));
        }
        return values;
    }

    [Fact]
    public void No_tool_name_is_shared_with_a_target()
    {
        var targets = Samples.SelectMany(s => s.Tools).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var universe = DefaultUniverse.Value.Scenarios.SelectMany(s => s.Tools).Select(t => t.Name).Distinct().ToList();
        Assert.NotEmpty(universe);
        Assert.Empty(universe.Where(targets.Contains).ToList());
        Assert.Empty(universe.Where(n => TargetText.Value.Contains(n, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    [Fact]
    public void The_vocabulary_holds_no_word_of_a_target_tool_or_parameter_name()
    {
        var words = Samples.SelectMany(s => s.Signatures)
            .SelectMany(s => s.Parameters.Select(p => p.Name).Append(s.Name))
            .Concat(Regex.Matches(TargetText.Value, @"\[Tool[^\]]*\]\s*\S+\s+(\w+)\(").Select(m => m.Groups[1].Value))
            .SelectMany(n => Regex.Split(Regex.Replace(n, "([a-z])([A-Z])", "$1_$2"), "_"))
            .Select(w => w.ToLowerInvariant())
            .ToHashSet();
        Assert.Contains("author", words); // the extraction sees the targets' words
        Assert.Empty(WordLists.All.Where(words.Contains).ToList());
    }

    [Fact]
    public void No_entity_or_fact_value_is_shared_with_a_target()
    {
        var sampleValues = SampleValues();
        Assert.Contains("Imogen Thale", sampleValues); // the collection sees the library's facts
        var universe = UniverseValues(DefaultUniverse.Value).ToList();
        Assert.NotEmpty(universe);
        Assert.Empty(universe.Where(sampleValues.Contains).ToList());
        Assert.Empty(universe.Where(v => TargetText.Value.Contains(v, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    [Fact]
    public void No_question_is_shared_with_a_target()
    {
        var targetQuestions = Samples.SelectMany(s => s.AuthoredTasks).Select(t => t.Question)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.NotEmpty(targetQuestions);
        var questions = DefaultUniverse.Value.Scenarios.SelectMany(s => s.Tasks).Select(t => t.Question).ToList();
        Assert.Empty(questions.Where(targetQuestions.Contains).ToList());
        Assert.Empty(questions.Where(q => TargetText.Value.Contains(q, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    [Fact]
    public void The_word_lists_are_lowercase_words_none_inside_another()
    {
        var words = WordLists.All.ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.All(words, w => Assert.Matches("^[a-z]+$", w));
        Assert.Empty(from a in words from b in words where a != b && b.Contains(a, StringComparison.Ordinal) select (a, b));
    }
}
