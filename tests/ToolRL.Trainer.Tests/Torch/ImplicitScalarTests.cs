using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToolRL.Trainer.Tests.Torch;

/// <summary>
/// No implicit <c>double</c>/<c>long</c> → <c>TorchSharp.Scalar</c> conversion anywhere in the Trainer. Such a
/// Scalar is finalizable native memory that nothing holds during the native call, so a GC can free it mid-use
/// ("Unknown scalar type"; see <c>Models/ScalarMath.cs</c>). The check compiles the Trainer's own sources with
/// Roslyn and lists every user-defined conversion whose target is Scalar.
/// </summary>
public class ImplicitScalarTests
{
    [Fact]
    public void The_trainer_has_no_implicit_scalar_conversions()
    {
        var found = ImplicitScalars(TrainerCompilation());
        Assert.True(found.Count == 0, "implicit TorchSharp.Scalar conversions (use ScalarMath or an explicit `using var s = v.ToScalar()`):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_finds_an_implicit_conversion()
    {
        // The detector itself: an implicit conversion in `t.add(1.0)`, a number operand in `0.5 * t`, none in the
        // explicit form ScalarMath uses.
        var source = """
            using TorchSharp;
            using static TorchSharp.torch;
            static class Probe
            {
                static Tensor Bad(Tensor t) => t.add(1.0);
                static Tensor Operator(Tensor t) => 0.5 * t;
                static Tensor Good(Tensor t) { using var s = 1.0.ToScalar(); return t.add(s) * t; }
            }
            """;
        var compilation = Compile([CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Probe.cs")]);
        var found = ImplicitScalars(compilation);
        Assert.Equal(["Probe.cs:5", "Probe.cs:6 (operator)"], found);
    }

    // Partial method without body ([GeneratedRegex]); a JsonSerializerContext without its generated members or `Default`.
    private static readonly HashSet<string> GeneratorGaps = ["CS8795", "CS0534", "CS7036", "CS0117"];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static List<string> ImplicitScalars(CSharpCompilation compilation)
    {
        // Source generators (STJ contexts, [GeneratedRegex]) do not run here; what only they would fill in is not an error
        // that stops the semantic model from binding the rest.
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratorGaps.Contains(d.Id)).Take(5).ToList();
        Assert.True(errors.Count == 0, "the sources did not compile for the check: " + string.Join("; ", errors));
        var found = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var expression in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
            {
                var conversion = model.GetConversion(expression);
                if (conversion.IsUserDefined && conversion.IsImplicit
                    && conversion.MethodSymbol?.ReturnType is { Name: "Scalar", ContainingNamespace.Name: "TorchSharp" })
                {
                    var line = expression.GetLocation().GetLineSpan();
                    found.Add($"{Path.GetFileName(line.Path)}:{line.StartLinePosition.Line + 1}");
                }
                // `t * 0.5`: TorchSharp's operator overloads with a number operand make the Scalar inside, out of our reach.
                else if (expression is BinaryExpressionSyntax && model.GetSymbolInfo(expression).Symbol is IMethodSymbol
                         {
                             MethodKind: MethodKind.UserDefinedOperator, ContainingType.Name: "Tensor",
                         } op && op.Parameters.Any(p => p.Type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double))
                {
                    var line = expression.GetLocation().GetLineSpan();
                    found.Add($"{Path.GetFileName(line.Path)}:{line.StartLinePosition.Line + 1} (operator)");
                }
            }
        }
        return found;
    }

    private static CSharpCompilation TrainerCompilation()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Trainer", "ToolRL.Trainer");
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                     && !f.Contains($"{Path.DirectorySeparatorChar}build{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f));
        return Compile(trees);
    }

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
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
