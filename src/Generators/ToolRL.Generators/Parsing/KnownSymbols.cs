using System.Linq;
using Microsoft.CodeAnalysis;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// The symbols the parser compares against, resolved once per transform with <c>GetTypeByMetadataName</c> and
/// compared with <see cref="SymbolEqualityComparer"/> (never by display string). Lives only inside a transform: no
/// model holds it.
/// </summary>
internal sealed class KnownSymbols
{
    public const string ScenarioAttributeName = "ToolRL.ScenarioAttribute";
    public const string TaskAttributeName = "ToolRL.TaskAttribute";

    public KnownSymbols(Compilation compilation)
    {
        ScenarioAttribute = compilation.GetTypeByMetadataName(ScenarioAttributeName);
        ToolAttribute = compilation.GetTypeByMetadataName("ToolRL.ToolAttribute");
        FactAttribute = compilation.GetTypeByMetadataName("ToolRL.ToolFactAttribute");
        FactsFileAttribute = compilation.GetTypeByMetadataName("ToolRL.FactsFileAttribute");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
        ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
    }

    public INamedTypeSymbol? ScenarioAttribute { get; }
    public INamedTypeSymbol? ToolAttribute { get; }
    public INamedTypeSymbol? FactAttribute { get; }
    public INamedTypeSymbol? FactsFileAttribute { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? DateOnly { get; }
    public INamedTypeSymbol? ListOfT { get; }

    /// <summary>List&lt;T&gt; and the list interfaces a tool may take or return (read into a List&lt;T&gt;).</summary>
    public bool IsSequence(INamedTypeSymbol named) =>
        named.TypeArguments.Length == 1 && (Is(named.OriginalDefinition, ListOfT) || named.OriginalDefinition.SpecialType is
            SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_ICollection_T
            or SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IReadOnlyList_T
            or SpecialType.System_Collections_Generic_IReadOnlyCollection_T);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>The <c>[Tool]</c> attribute of <paramref name="method"/>, or null.</summary>
    public AttributeData? ToolAttributeOf(ISymbol method) =>
        method.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, ToolAttribute));

    public bool IsScenario(ISymbol type) => type.GetAttributes().Any(a => Is(a.AttributeClass, ScenarioAttribute));

    /// <summary>True for Task, ValueTask and their generic forms.</summary>
    public bool IsAwaitable(ITypeSymbol type) =>
        Is(type, Task) || Is(type, ValueTask) || Is(type.OriginalDefinition, TaskOfT) || Is(type.OriginalDefinition, ValueTaskOfT);

    /// <summary>
    /// For <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>: T and which of the two it is; otherwise null.
    /// </summary>
    public ITypeSymbol? AwaitedType(ITypeSymbol type, out AsyncKind kind)
    {
        kind = AsyncKind.None;
        if (type is not INamedTypeSymbol { TypeArguments.Length: 1 } named)
            return null;
        if (Is(named.OriginalDefinition, TaskOfT))
            kind = AsyncKind.Task;
        else if (Is(named.OriginalDefinition, ValueTaskOfT))
            kind = AsyncKind.ValueTask;
        else
            return null;
        return named.TypeArguments[0];
    }
}
