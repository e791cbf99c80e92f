using System.Reflection;
using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using ToolRL.Generators;

namespace GeneratorTests.Behaviour;

/// <summary>Diagnostics carry help links into the README's table; the generated code names the build's version.</summary>
public class DescriptorTests
{
    private static IReadOnlyList<DiagnosticDescriptor> All =>
        typeof(ScenarioGenerator).Assembly.GetType("ToolRL.Generators.DiagnosticDescriptors")!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    private static string Repo(string relative)
    {
        var project = typeof(DescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        return Path.Combine(project, "..", "..", relative);
    }

    [Fact]
    public void Every_descriptor_links_to_its_row_in_the_generator_readme_and_is_release_tracked()
    {
        var readme = File.ReadAllText(Repo("src/Generators/ToolRL.Generators/README.md"));
        var unshipped = File.ReadAllText(Repo("src/Generators/ToolRL.Generators/AnalyzerReleases.Unshipped.md"));
        Assert.True(All.Count >= 27, $"{All.Count} descriptors");
        foreach (var descriptor in All)
        {
            var anchor = descriptor.Id.ToLowerInvariant();
            Assert.EndsWith("/src/Generators/ToolRL.Generators/README.md#" + anchor, descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{anchor}\"></a>{descriptor.Id} |", readme);
            Assert.Contains($"{descriptor.Id} | ToolRL | {descriptor.DefaultSeverity} |", unshipped);
        }
    }

    [Fact]
    public void Generated_code_names_the_generator_assemblys_version()
    {
        var version = typeof(ScenarioGenerator).Assembly.GetName().Version!;
        var source = GeneratorHarness.Run(Specs.Minimal).Source("CounterScenario.g.cs");
        Assert.Contains($"GeneratedCode(\"ToolRL.Generators\", \"{version.Major}.{version.Minor}.{version.Build}\")", source);
    }

    [Fact]
    public void The_code_fix_fixes_the_descriptors_ids()
    {
        var fix = new ToolRL.Generators.CodeFixes.AddSummaryCodeFix();
        Assert.Equal(["TRL001", "TRL002"], fix.FixableDiagnosticIds.ToArray());
    }
}
