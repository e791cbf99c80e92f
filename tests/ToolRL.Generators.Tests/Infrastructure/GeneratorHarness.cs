using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GeneratorTests.Infrastructure;

/// <summary>The result of running the generator on an in-memory compilation.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<(string HintName, string Text)> Sources)
{
    /// <summary>Diagnostics of the final compilation (generated code included) at warning level or above.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public string Source(string hintSuffix) =>
        Sources.Single(s => s.HintName.EndsWith(hintSuffix, StringComparison.Ordinal)).Text;

    /// <summary>Emits the compilation and loads it into a collectible context (unloaded when the test's context is collected).</summary>
    public Assembly Load()
    {
        using var stream = new MemoryStream();
        var result = Output.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        context.Resolving += (_, name) => name.Name == typeof(ToolRL.Json).Assembly.GetName().Name ? typeof(ToolRL.Json).Assembly : null;
        return context.LoadFromStream(stream);
    }
}

/// <summary>Compiles C# source with the ToolRL runtime referenced and runs <see cref="ToolRL.Generators.ScenarioGenerator"/> on it.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(ToolRL.Json).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static GeneratorRun Run(string source, params (string Path, string Text)[] additionalFiles) =>
        Run(new[] { source }, DocumentationMode.Diagnose, additionalFiles);

    public static GeneratorRun Run(string[] sources, DocumentationMode documentationMode, params (string Path, string Text)[] additionalFiles)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, documentationMode);
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: i == 0 ? "Spec.cs" : $"Spec{i}.cs"));
        var compilation = CSharpCompilation.Create(
            "Spec" + Guid.NewGuid().ToString("N"),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));
        var texts = additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ToolRL.Generators.ScenarioGenerator().AsSourceGenerator() }, texts, parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = driver.GetRunResult();
        var generated = run.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())).ToImmutableArray();
        return new GeneratorRun((CSharpCompilation)output, diagnostics, generated);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
