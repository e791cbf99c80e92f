using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolRL.Trainer.Tests.Support;

namespace ToolRL.Trainer.Tests.Architecture;

/// <summary>
/// The Trainer's namespaces form no cycle: each folder (= namespace) can be read, changed and tested with only what it
/// depends on in view. The check compiles the Trainer's sources with Roslyn, draws an edge A → B wherever code in A binds
/// a name to a type (or a member of a type) declared in B — types used, not <c>using</c> lines — and lists every strongly
/// connected component of more than one namespace, with the uses behind each edge inside it.
/// </summary>
public class NamespaceDependencyTests
{
    [Fact]
    public void The_trainers_namespaces_have_no_cycles()
    {
        var graph = NamespaceGraph.Of(TrainerSources.Trainer());
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, "namespace cycles (move the type to the namespace that owns its concept):\n"
            + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_detector_finds_a_cycle_and_only_the_cycle()
    {
        // A ⇄ B through a method's parameter type and a `var`-inferred call result; C → A only; D → E through an
        // extension method; A's `using C;` line alone is no use of C.
        var source = """
            namespace A { using C; public class X { public B.Y? Partner(B.Y y) => y; } }
            namespace B { public class Y { public void Use() { var x = new A.X().Partner(this); } } }
            namespace C { public class Z { public A.X Make() => new(); } }
            namespace D { using E; public static class W { public static int Twice(int v) => v.Double(); } }
            namespace E { public static class V { public static int Double(this int v) => 2 * v; } }
            """;
        var compilation = TrainerSources.Compile([CSharpSyntaxTree.ParseText(source, TrainerSources.ParseOptions, path: "Probe.cs")]);
        var graph = NamespaceGraph.Of(compilation);

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["A", "B"], cycle);
        Assert.True(graph.DependsOn("C", "A"));
        Assert.False(graph.DependsOn("A", "C"));
        Assert.True(graph.DependsOn("D", "E"));
        Assert.Contains("A → B", graph.Describe(cycle));
        Assert.Contains("B → A", graph.Describe(cycle));
    }

    /// <summary>Namespace → namespace edges, each with the places (file:line, name) that make it.</summary>
    private sealed class NamespaceGraph
    {
        private readonly SortedDictionary<string, SortedDictionary<string, List<string>>> _edges = new(StringComparer.Ordinal);

        public static NamespaceGraph Of(CSharpCompilation compilation)
        {
            TrainerSources.AssertBinds(compilation);
            var graph = new NamespaceGraph();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                // Trivia (doc comments' crefs) is not descended into: documentation pointing at a type is not a use of it.
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not (SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax)) continue;
                    if (node.Ancestors().OfType<UsingDirectiveSyntax>().Any()) continue;
                    var from = EnclosingNamespace(model, node);
                    var to = DeclaringNamespace(compilation, model.GetSymbolInfo(node).Symbol);
                    if (from is null || to is null || from == to) continue;
                    var line = node.GetLocation().GetLineSpan();
                    graph.Add(from, to, $"{Path.GetFileName(line.Path)}:{line.StartLinePosition.Line + 1} {node}");
                }
            }
            return graph;
        }

        public bool DependsOn(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

        /// <summary>Strongly connected components of more than one namespace, each sorted, in name order (Tarjan).</summary>
        public List<List<string>> Cycles()
        {
            var index = new Dictionary<string, int>();
            var low = new Dictionary<string, int>();
            var stack = new Stack<string>();
            var onStack = new HashSet<string>();
            var components = new List<List<string>>();

            void Visit(string v)
            {
                index[v] = low[v] = index.Count;
                stack.Push(v);
                onStack.Add(v);
                foreach (var w in Targets(v))
                {
                    if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                    else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
                }
                if (low[v] != index[v]) return;
                var component = new List<string>();
                string popped;
                do { popped = stack.Pop(); onStack.Remove(popped); component.Add(popped); } while (popped != v);
                if (component.Count > 1) components.Add([.. component.Order(StringComparer.Ordinal)]);
            }

            foreach (var v in _edges.Keys.ToList())
                if (!index.ContainsKey(v)) Visit(v);
            return [.. components.OrderBy(c => c[0], StringComparer.Ordinal)];
        }

        /// <summary>The component and every edge inside it, with up to three of the uses that make the edge.</summary>
        public string Describe(List<string> component)
        {
            var lines = new List<string> { "{" + string.Join(", ", component) + "}" };
            foreach (var from in component)
                foreach (var (to, uses) in _edges.GetValueOrDefault(from) ?? [])
                    if (component.Contains(to))
                        lines.Add($"  {from} → {to}: {string.Join("; ", uses.Take(3))}{(uses.Count > 3 ? $" (+{uses.Count - 3})" : "")}");
            return string.Join("\n", lines);
        }

        private IEnumerable<string> Targets(string v) => _edges.TryGetValue(v, out var targets) ? targets.Keys : [];

        private void Add(string from, string to, string use)
        {
            if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
            if (!targets.TryGetValue(to, out var uses)) targets[to] = uses = [];
            uses.Add(use);
        }

        private static string? EnclosingNamespace(SemanticModel model, SyntaxNode node)
        {
            var declaration = node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
            return declaration is null ? null : model.GetDeclaredSymbol(declaration)?.ToDisplayString();
        }

        /// <summary>The namespace of the source type a name binds to (the type itself, or a member's type); null outside the sources.</summary>
        private static string? DeclaringNamespace(Compilation compilation, ISymbol? symbol)
        {
            var type = symbol switch
            {
                INamedTypeSymbol named => named,
                IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
                IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => symbol.ContainingType,
                _ => null,
            };
            if (type is null || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly)) return null;
            return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
        }
    }
}
