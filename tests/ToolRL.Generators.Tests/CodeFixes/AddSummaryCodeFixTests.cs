using GeneratorTests.Diagnostics;
using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ToolRL.Generators.CodeFixes;

namespace GeneratorTests.CodeFixes;

/// <summary>The TRL001/TRL002 code fix adds a summary line, after which the diagnostic is gone.</summary>
public class AddSummaryCodeFixTests
{
    [Fact]
    public async Task Adds_a_summary_to_a_tool_that_lacks_one()
    {
        var source = DiagnosticAssert.Scenario("""
                /// <param name="country">Country.</param>
                [Tool]
                string GetCapital(string country);
            """);
        var fixedSource = await ApplyFix(source, "TRL001");
        var lines = fixedSource.Replace("\r\n", "\n").Split('\n');
        var param = Array.FindIndex(lines, l => l.Contains("<param name=\"country\">"));
        Assert.Equal("/// <summary>Get capital.</summary>", lines[param - 1].Trim());
        Assert.Equal(Indent(lines[param]), Indent(lines[param - 1]));
        Assert.DoesNotContain(GeneratorHarness.Run(fixedSource).GeneratorDiagnostics, d => d.Id == "TRL001");
    }

    [Fact]
    public async Task Adds_a_summary_to_a_scenario_interface_that_lacks_one()
    {
        var source = DiagnosticAssert.Scenario(DiagnosticAssert.GoodTool).Replace("/// <summary>A scenario.</summary>\n", "");
        var fixedSource = await ApplyFix(source, "TRL002");
        Assert.Contains("/// <summary>Spec.</summary>\n[Scenario(\"spec\")]", fixedSource.Replace("\r\n", "\n"));
        Assert.Empty(GeneratorHarness.Run(fixedSource).GeneratorDiagnostics);
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    private static async Task<string> ApplyFix(string source, string id)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == id);
        using var workspace = new AdhocWorkspace();
        var document = workspace.AddProject("Spec", LanguageNames.CSharp).AddDocument("Spec.cs", SourceText.From(source));
        var tree = (await document.GetSyntaxTreeAsync())!;
        var located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan));

        var actions = new List<CodeAction>();
        var fix = new AddSummaryCodeFix();
        Assert.Contains(id, fix.FixableDiagnosticIds);
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, located, (action, _) => actions.Add(action), CancellationToken.None));
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await solution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }
}
