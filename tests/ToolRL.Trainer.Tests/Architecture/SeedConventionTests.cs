using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ToolRL.Trainer.Tests.Support;

namespace ToolRL.Trainer.Tests.Architecture;

/// <summary>
/// One seed convention: every seed the Trainer takes or records (a property, field or non-private parameter whose
/// name ends in <c>seed</c>) is an <c>int</c> (<c>int?</c> where optional). A wider seed needed inside (e.g. a
/// generator's) is derived there, in a local or a private helper.
/// </summary>
public class SeedConventionTests
{
    [Fact]
    public void The_trainers_seeds_are_int()
    {
        var found = WideSeeds(TrainerSources.Trainer());
        Assert.True(found.Count == 0, "seeds that are not int (make them int; derive a wider one inside):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_finds_a_long_seed_and_spares_an_internal_derivation()
    {
        var source = """
            public sealed record Options(long Seed) { public int? SamplingSeed { get; init; } public long? OtherSeed { get; init; } }
            public static class Draws
            {
                public static int Next(int seed) { long wide = (long)seed * 1000; return (int)wide; }
                public static int Fold(ulong runSeed) => Narrow((long)runSeed);
                private static int Narrow(long seed) => (int)(seed ^ (seed >> 32));
                public static int Seeds(long seeds) => (int)seeds;
            }
            """;
        var compilation = TrainerSources.Compile([CSharpSyntaxTree.ParseText(source, TrainerSources.ParseOptions, path: "Probe.cs")]);
        // A record's positional seed is found as its constructor's parameter; `seeds` is no seed; a private helper may be wide.
        Assert.Equal(["Draws.Fold(ulong): runSeed is ulong", "Options.Options(long): Seed is long", "Options.OtherSeed is long?"],
            WideSeeds(compilation));
    }

    private static List<string> WideSeeds(CSharpCompilation compilation)
    {
        TrainerSources.AssertBinds(compilation);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var symbol = model.GetDeclaredSymbol(node);
                (ITypeSymbol? type, IMethodSymbol? owner) = symbol switch
                {
                    IPropertySymbol p => (p.Type, null),
                    IFieldSymbol f => (f.Type, null),
                    IParameterSymbol { ContainingSymbol: IMethodSymbol { DeclaredAccessibility: not Accessibility.Private, MethodKind: not MethodKind.AnonymousFunction } m } p => (p.Type, m),
                    _ => (null, null),
                };
                if (type is null || !symbol!.Name.EndsWith("seed", StringComparison.OrdinalIgnoreCase) || IsInt(type))
                    continue;
                var where = owner is null
                    ? $"{symbol.ContainingType.Name}.{symbol.Name}"
                    : $"{owner.ContainingType.Name}.{(owner.MethodKind == MethodKind.Constructor ? owner.ContainingType.Name : owner.Name)}({string.Join(", ", owner.Parameters.Select(p => p.Type.ToDisplayString()))}): {symbol.Name}";
                found.Add($"{where} is {type.ToDisplayString()}");
            }
        }
        return [.. found];
    }

    private static bool IsInt(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Int32
        || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].SpecialType == SpecialType.System_Int32;
}
