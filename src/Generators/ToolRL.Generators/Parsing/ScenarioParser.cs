using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>Turns a <c>[Scenario]</c> interface symbol into a <see cref="ScenarioModel"/> plus diagnostics.</summary>
internal static class ScenarioParser
{
    public const string ScenarioAttribute = KnownSymbols.ScenarioAttributeName;

    public static ScenarioParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var known = new KnownSymbols(context.SemanticModel.Compilation);
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var location = LocationInfo.From(((InterfaceDeclarationSyntax)context.TargetNode).Identifier.GetLocation());
        var scenarioName = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;

        var fatal = false;
        if (!Naming.IsValidScenarioName(scenarioName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidScenarioName, location, scenarioName));
            fatal = true;
        }
        if (symbol.ContainingType is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedScenarioInterface, location, symbol.Name, "it is nested in a type; declare it at namespace level"));
            fatal = true;
        }
        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedScenarioInterface, location, symbol.Name, "it is generic"));
            fatal = true;
        }
        if (symbol.Interfaces.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedScenarioInterface, location, symbol.Name,
                "it inherits other interfaces; declare every tool in the scenario interface itself"));
            fatal = true;
        }

        var docs = DocComment.For(symbol);
        if (docs.Summary.Length == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ScenarioWithoutDescription, location, symbol.Name));

        var tools = new List<ToolModel>();
        var toolMethods = new Dictionary<string, IMethodSymbol>();
        foreach (var member in symbol.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !method.IsStatic && method.IsAbstract
                && known.ToolAttributeOf(method) is not null)
            {
                var tool = ToolParser.Parse(method, known, diagnostics);
                if (tool is null)
                {
                    fatal = true;
                    continue;
                }
                if (toolMethods.TryGetValue(tool.Name, out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateToolName, LocationInfo.From(method), tool.Name, Naming.Signature(first), Naming.Signature(method)));
                    fatal = true;
                    continue;
                }
                toolMethods.Add(tool.Name, method);
                tools.Add(tool);
            }
            else if (!IsImplicitMember(member))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedScenarioMember, LocationInfo.From(member), symbol.Name, member.Name, Describe(member)));
                fatal = true;
            }
        }
        if (toolMethods.Count == 0 && !fatal)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ScenarioWithoutTools, location, symbol.Name));
            fatal = true;
        }

        var facts = new List<FactModel>();
        var factsFiles = new List<FactsFileRequest>();
        var hasFacts = false;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (KnownSymbols.Is(attribute.AttributeClass, known.FactAttribute))
            {
                hasFacts = true;
                var fact = FactAttributeParser.Parse(attribute, scenarioName, tools, diagnostics);
                if (fact is not null)
                    facts.Add(fact);
            }
            else if (KnownSymbols.Is(attribute.AttributeClass, known.FactsFileAttribute))
            {
                hasFacts = true;
                var fileName = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
                factsFiles.Add(new FactsFileRequest(fileName, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken))));
            }
        }

        var interfaceName = symbol.Name;
        var baseName = interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1]) ? interfaceName.Substring(1) : interfaceName;
        var ns = symbol.ContainingNamespace.IsGlobalNamespace ? string.Empty : symbol.ContainingNamespace.ToDisplayString();
        if (fatal)
        {
            // A nested or generic interface cannot be named as IScenario<T>'s argument: no placeholder for it.
            var stub = symbol.ContainingType is null && !symbol.IsGenericType
                ? new ScenarioStubModel(ns, TypeShapeParser.DisplayName(symbol), baseName, symbol.DeclaredAccessibility == Accessibility.Public, scenarioName)
                : null;
            return new ScenarioParseResult(null, diagnostics.ToEquatableArray(), EquatableArray<FactsFileRequest>.Empty, Stub: stub);
        }

        var model = new ScenarioModel(
            ns,
            interfaceName,
            TypeShapeParser.DisplayName(symbol),
            baseName,
            symbol.DeclaredAccessibility == Accessibility.Public,
            scenarioName,
            docs.Summary,
            tools.ToEquatableArray(),
            facts.ToEquatableArray(),
            hasFacts);
        return new ScenarioParseResult(model, diagnostics.ToEquatableArray(), factsFiles.ToEquatableArray(), location);
    }

    // Accessors are reported through their property or event.
    private static bool IsImplicitMember(ISymbol member) =>
        member.IsImplicitlyDeclared || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary };

    private static string Describe(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove } => "an accessor",
        IMethodSymbol { IsStatic: true } => "a static method",
        IMethodSymbol { IsAbstract: false } => "a method with a default implementation",
        IMethodSymbol => "a method without [Tool]",
        IPropertySymbol => "a property",
        IEventSymbol => "an event",
        INamedTypeSymbol => "a nested type",
        _ => "not a [Tool] method",
    };
}
