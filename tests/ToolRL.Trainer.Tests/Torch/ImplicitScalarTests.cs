using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolRL.Trainer.Tests.Support;

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
        var found = ImplicitScalars(TrainerSources.Trainer());
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
        var compilation = TrainerSources.Compile([CSharpSyntaxTree.ParseText(source, TrainerSources.ParseOptions, path: "Probe.cs")]);
        var found = ImplicitScalars(compilation);
        Assert.Equal(["Probe.cs:5", "Probe.cs:6 (operator)"], found);
    }

    private static List<string> ImplicitScalars(CSharpCompilation compilation)
    {
        TrainerSources.AssertBinds(compilation);
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
}
