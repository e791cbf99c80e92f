using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GeneratorTests.Behaviour;

/// <summary>The parser's models are equatable: an edit that does not touch a scenario leaves its outputs cached.</summary>
public class IncrementalityTests
{
    [Fact]
    public void An_unrelated_edit_reuses_the_parsed_scenario_and_tasks()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var first = GeneratorHarness.Run(Specs.Travel).Output.RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText(Specs.Travel, parseOptions, "Spec.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ToolRL.Generators.ScenarioGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(first);

        var edited = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Travel; public static class Unrelated { public static int X = 1; }", parseOptions, "Other.cs"));
        driver = driver.RunGenerators(edited);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;

        foreach (var name in new[] { "Scenarios", "Tasks", "TaskModels" })
        {
            var reasons = steps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }
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
