using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolRL.Trainer.Tests.Support;

/// <summary>
/// The Trainer's own sources compiled with Roslyn, for checks that read the code rather than run it
/// (implicit Scalars, namespace dependencies).
/// </summary>
public static class TrainerSources
{
    // Partial method without body ([GeneratedRegex]); a JsonSerializerContext without its generated members or `Default`.
    private static readonly HashSet<string> GeneratorGaps = ["CS8795", "CS0534", "CS7036", "CS0117"];

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<CSharpCompilation> TrainerLazy = new(CompileTrainer);

    /// <summary>src/Trainer/ToolRL.Trainer/**/*.cs, without bin/, obj/ and build/ (the MSBuild-side code); compiled
    /// once and shared by the checks (a compilation is immutable).</summary>
    public static CSharpCompilation Trainer() => TrainerLazy.Value;

    private static CSharpCompilation CompileTrainer()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Trainer", "ToolRL.Trainer");
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}build{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f));
        return Compile(trees);
    }

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
    {
        // The Trainer's references: the framework plus every assembly beside the test (TorchSharp, the Runtime, ...),
        // except the Trainer itself, whose sources are being compiled.
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        var references = framework.Concat(beside).DistinctBy(Path.GetFileName)
            .Where(f => !Path.GetFileName(f).StartsWith("ToolRL.Trainer", StringComparison.Ordinal) && IsManagedAssembly(f)).Select(f => MetadataReference.CreateFromFile(f));
        var globalUsings = CSharpSyntaxTree.ParseText("""
            global using System; global using System.IO; global using System.Linq; global using System.Collections.Generic;
            global using System.Threading; global using System.Threading.Tasks; global using System.Net.Http;
            """, ParseOptions);
        // Named as the Trainer so the Runtime's InternalsVisibleTo("ToolRL.Trainer") applies, as in the real build.
        return CSharpCompilation.Create("ToolRL.Trainer", trees.Append(globalUsings), references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }

    /// <summary>
    /// Fails when the sources do not bind. Source generators (STJ contexts, [GeneratedRegex]) do not run here; what only
    /// they would fill in is not an error that stops the semantic model from binding the rest.
    /// </summary>
    public static void AssertBinds(CSharpCompilation compilation)
    {
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratorGaps.Contains(d.Id)).Take(5).ToList();
        Assert.True(errors.Count == 0, "the sources did not compile for the check: " + string.Join("; ", errors));
    }

    private static bool IsManagedAssembly(string path)
    {
        try { System.Reflection.AssemblyName.GetAssemblyName(path); return true; }
        catch (BadImageFormatException) { return false; }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ToolRL.Sdk.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ToolRL.Sdk.sln not found above the test's folder");
    }
}
