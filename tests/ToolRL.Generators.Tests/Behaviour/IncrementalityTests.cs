using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using GeneratorTests.Infrastructure;

namespace GeneratorTests.Behaviour;

/// <summary>
/// In the style of System.Text.Json's incremental generator tests: the models hold no Roslyn objects, and an edit
/// re-runs only what depends on it (checked on the tracked steps' run reasons).
/// </summary>
public class IncrementalityTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private const string Weather = """
        using ToolRL;
        namespace Two;

        /// <summary>Weather.</summary>
        [Scenario("weather")]
        public interface IWeather
        {
            /// <summary>The weather in a city.</summary>
            /// <param name="city">The city.</param>
            [Tool] string GetWeather(string city);
        }

        /// <summary>Geography.</summary>
        [Scenario("places")]
        [FactsFile("data/places.facts.json")]
        public interface IPlaces
        {
            /// <summary>The capital of a country.</summary>
            /// <param name="country">The country.</param>
            [Tool] string GetCapital(string country);
        }
        """;

    private const string WeatherTasks = """
        using ToolRL;
        namespace Two;
        public static class WeatherTasks
        {
            [Task("How is the weather in Oslo?")]
            public static string Oslo(IWeather w) => w.GetWeather("Oslo");
        }
        """;

    private const string PlacesTasks = """
        using ToolRL;
        namespace Two;
        public static class PlacesTasks
        {
            [Task("What is the capital of Peru?")]
            public static string Peru(IPlaces p) => p.GetCapital("Peru");
        }
        """;

    private const string PlacesFacts = """{ "GetCapital": [ { "args": { "country": "Peru" }, "result": "Lima" } ] }""";

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params AdditionalText[] files)
    {
        var compilation = (CSharpCompilation)GeneratorHarness.Run(Weather).Output.RemoveAllSyntaxTrees().AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(Weather, ParseOptions, "Weather.cs"),
            CSharpSyntaxTree.ParseText(WeatherTasks, ParseOptions, "WeatherTasks.cs"),
            CSharpSyntaxTree.ParseText(PlacesTasks, ParseOptions, "PlacesTasks.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ToolRL.Generators.ScenarioGenerator().AsSourceGenerator()],
            additionalTexts: files,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return (driver, compilation);
    }

    private static readonly AdditionalText Facts = new Text("/src/proj/data/places.facts.json", PlacesFacts);
    private static readonly AdditionalText AppSettings = new Text("/src/proj/appsettings.json", """{ "a": 1 }""");

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path), CSharpSyntaxTree.ParseText(text, ParseOptions, path));

    /// <summary>Run reason of each scenario's emit model, keyed by scenario name.</summary>
    private static Dictionary<string, IncrementalStepRunReason> EmitReasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps["EmitModels"]
            .SelectMany(step => step.Outputs)
            .ToDictionary(o => ScenarioName(o.Value), o => o.Reason);

    private static string ScenarioName(object model) =>
        (string)model.GetType().GetProperty("Scenario")!.GetValue(model)!.GetType().GetProperty("ScenarioName")!.GetValue(
            model.GetType().GetProperty("Scenario")!.GetValue(model))!;

    private static bool Reused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    [Fact]
    public void The_models_hold_no_symbols_compilations_or_syntax()
    {
        var (driver, _) = FirstRun(Facts, AppSettings);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var walked = 0;
        // The generator's own named steps (Roslyn's internal steps carry compilation options and the like).
        string[] names = ["Scenarios", "Tasks", "TaskAccessors", "TasksByScenario", "RequestedFactsFiles", "FactsFiles", "ResolvedScenarios", "EmitModels", "ScenarioStubs", "FactChecks"];
        foreach (var name in names.Where(steps.ContainsKey))
            foreach (var output in steps[name].SelectMany(r => r.Outputs))
                walked += Walk(output.Value, visited);
        Assert.True(walked > 50, $"only {walked} objects walked");
        Assert.Contains("EmitModels", steps.Keys);
        Assert.Contains("FactsFiles", steps.Keys);
    }

    // Walks fields of the generator's own types (and tuples, arrays, immutable arrays) and fails on Roslyn objects.
    private static int Walk(object? value, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return 0;
        Assert.False(value is ISymbol or Compilation or SyntaxNode or SyntaxTree or SemanticModel or AdditionalText,
            $"a model holds a {value.GetType().FullName}");
        if (!value.GetType().IsValueType && !visited.Add(value))
            return 0;
        var count = 1;
        if (value is IEnumerable sequence && value.GetType().Namespace?.StartsWith("ToolRL") != true)
        {
            foreach (var item in sequence)
                count += Walk(item, visited);
            return count;
        }
        var type = value.GetType();
        var own = type.Namespace?.StartsWith("ToolRL.Generators") == true || type.FullName!.StartsWith("System.ValueTuple")
            || type.FullName.StartsWith("System.Collections.Immutable.ImmutableArray") || type.FullName.StartsWith("System.Collections.Generic.KeyValuePair");
        if (!own)
        {
            // Only the generator's own types, tuples and arrays may appear; TextSpan/LinePositionSpan are plain values.
            Assert.True(type.Namespace == "Microsoft.CodeAnalysis.Text" || type.FullName == "Microsoft.CodeAnalysis.DiagnosticDescriptor",
                $"unexpected type in a model: {type.FullName}");
            return count;
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                count += Walk(field.GetValue(value), visited);
        return count;
    }

    [Fact]
    public void An_equivalent_declaration_moved_down_re_emits_nothing()
    {
        var (driver, compilation) = FirstRun(Facts);
        var moved = Replace(compilation, "Weather.cs", "\n\n// a comment that moves every declaration\n" + Weather);
        driver = driver.RunGenerators(moved);
        var reasons = EmitReasons(driver);
        Assert.Equal(2, reasons.Count);
        Assert.All(reasons, r => Assert.True(Reused(r.Value), $"{r.Key}: {r.Value}"));
        // The parse results did change (their locations moved): reuse comes from the models, not from skipping the parse.
        var scenarios = driver.GetRunResult().Results.Single().TrackedSteps["Scenarios"].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, scenarios);
    }

    [Fact]
    public void A_golden_call_that_no_fact_matches_is_reported_without_re_emitting_any_scenario()
    {
        var (driver, compilation) = FirstRun(Facts);
        driver = driver.RunGenerators(Replace(compilation, "PlacesTasks.cs", PlacesTasks.Replace("GetCapital(\"Peru\")", "GetCapital(\"Chile\")")));
        var result = driver.GetRunResult();
        Assert.Equal(["TRL036"], result.Diagnostics.Select(d => d.Id));
        Assert.All(EmitReasons(driver), r => Assert.True(Reused(r.Value), $"{r.Key}: {r.Value}"));
        Assert.Contains(IncrementalStepRunReason.Modified, result.Results.Single().TrackedSteps["FactChecks"].SelectMany(s => s.Outputs).Select(o => o.Reason));
    }

    [Fact]
    public void Editing_a_task_of_one_scenario_leaves_the_other_cached()
    {
        var (driver, compilation) = FirstRun(Facts);
        driver = driver.RunGenerators(Replace(compilation, "WeatherTasks.cs", WeatherTasks.Replace("How is the weather in Oslo?", "Is it raining in Oslo?")));
        var reasons = EmitReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["weather"]);
        Assert.True(Reused(reasons["places"]), $"places: {reasons["places"]}");
    }

    [Fact]
    public void Editing_an_unrelated_json_file_leaves_every_output_cached()
    {
        var (driver, compilation) = FirstRun(Facts, AppSettings);
        driver = driver.ReplaceAdditionalText(AppSettings, new Text(AppSettings.Path, """{ "a": 2 }"""));
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.All(EmitReasons(driver), r => Assert.True(Reused(r.Value), $"{r.Key}: {r.Value}"));
        // The unrelated file is never read: only the named facts file reaches the parsing step.
        var parsed = result.TrackedSteps["FactsFiles"].SelectMany(s => s.Outputs).ToList();
        Assert.All(parsed, o => Assert.True(Reused(o.Reason), o.Reason.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(Reused(o.Reason), o.Reason.ToString()));
    }

    [Fact]
    public void Editing_a_scenarios_facts_file_re_emits_only_that_scenario()
    {
        var (driver, compilation) = FirstRun(Facts);
        driver = driver.ReplaceAdditionalText(Facts, new Text(Facts.Path, PlacesFacts.Replace("Lima", "Lima (Peru)")));
        driver = driver.RunGenerators(compilation);
        var reasons = EmitReasons(driver);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["places"]);
        Assert.True(Reused(reasons["weather"]), $"weather: {reasons["weather"]}");
    }

    [Fact]
    public void Editing_a_tool_description_changes_the_scenario_output()
    {
        var edited = Specs.Travel.Replace("Returns the capital city of a country.", "Returns the capital of a country.");
        var before = GeneratorHarness.Run(Specs.Travel).Source("TravelScenario.g.cs");
        var after = GeneratorHarness.Run(edited).Source("TravelScenario.g.cs");
        Assert.Contains("\"Returns the capital city of a country.\"", before);
        Assert.Contains("\"Returns the capital of a country.\"", after);
    }
}
