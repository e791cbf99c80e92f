using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GeneratorTests.Diagnostics;

/// <summary>Builds small specs and checks the one diagnostic they should produce.</summary>
public static class DiagnosticAssert
{
    /// <summary>A scenario interface with the given members (and attributes), plus optional extra code.</summary>
    public static string Scenario(string members, string attributes = "", string extra = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using ToolRL;

        namespace Spec;

        /// <summary>A scenario.</summary>
        [Scenario("spec")]
        {{attributes}}
        public interface ISpec
        {
        {{members}}
        }

        {{extra}}
        """;

    /// <summary>One documented tool, for specs whose problem lies elsewhere.</summary>
    public const string GoodTool = """
            /// <summary>Returns the capital of a country.</summary>
            /// <param name="country">Country.</param>
            [Tool]
            string GetCapital(string country);
        """;

    /// <summary>
    /// Asserts that the run reports exactly one diagnostic with <paramref name="id"/>, of the given severity, whose
    /// message contains every fragment and whose location covers <paramref name="locatedText"/>.
    /// </summary>
    public static Diagnostic Single(GeneratorRun run, string id, DiagnosticSeverity severity, string locatedText, params string[] fragments)
    {
        var matching = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        var diagnostic = Assert.Single(matching);
        Assert.Equal(severity, diagnostic.Severity);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, message);
        // The generator reports file-path locations (it keeps no syntax trees in its models); map them back.
        var path = diagnostic.Location.GetLineSpan().Path;
        var tree = run.Output.SyntaxTrees.SingleOrDefault(t => t.FilePath == path);
        Assert.True(tree is not null, $"{id} has no source location: {diagnostic}");
        var text = tree!.GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Contains(locatedText, text);
        return diagnostic;
    }

    public static Diagnostic Single(string source, string id, DiagnosticSeverity severity, string locatedText, params string[] fragments) =>
        Single(GeneratorHarness.Run(source), id, severity, locatedText, fragments);
}
