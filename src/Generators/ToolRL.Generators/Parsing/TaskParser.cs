using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Turns a <c>[Task]</c> method into a <see cref="TaskModel"/>: checks the signature, then derives the golden call
/// graph from the body with <see cref="TaskBodyAnalyzer"/>.
/// </summary>
internal static class TaskParser
{
    public const string TaskAttribute = KnownSymbols.TaskAttributeName;

    public static TaskParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        var known = new KnownSymbols(context.SemanticModel.Compilation);
        var location = LocationInfo.From(syntax.Identifier.GetLocation());
        var question = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;

        string? problem = null;
        INamedTypeSymbol? scenario = null;
        if (!method.IsStatic)
            problem = "it is not static";
        else if (method.IsGenericMethod)
            problem = "it is generic";
        else if (method.IsAsync && known.AwaitedType(method.ReturnType, out _) is null)
            problem = "it is async without a result (return Task<T> or ValueTask<T>)";
        else if (method.ReturnsVoid)
            problem = "it returns void";
        else if (method.Parameters.Length != 1)
            problem = $"it has {method.Parameters.Length} parameters";
        else if (method.Parameters[0].RefKind != RefKind.None)
            problem = "its parameter is passed by reference";
        else if (method.Parameters[0].Type is not INamedTypeSymbol { TypeKind: Microsoft.CodeAnalysis.TypeKind.Interface } candidate
                 || !known.IsScenario(candidate))
            problem = $"its parameter type '{method.Parameters[0].Type.ToDisplayString()}' is not a [Scenario] interface";
        else
            scenario = candidate;
        if (problem is null && ContainingTypes(method).Any(t => t.IsGenericType))
            problem = "it is declared in a generic type";
        if (problem is null && string.IsNullOrWhiteSpace(question))
            problem = "its question is empty";
        if (problem is not null || scenario is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTaskSignature, location, method.Name, problem ?? "unsupported"));
            return new TaskParseResult(null, diagnostics.ToEquatableArray());
        }

        if (!scenario.Locations.Any(l => l.IsInSource))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskForScenarioInOtherAssembly, location, method.Name, scenario.Name));
            return new TaskParseResult(null, diagnostics.ToEquatableArray());
        }

        // An async task (Task<T>, ValueTask<T>) answers with T: Solve waits for it.
        var answerType = known.AwaitedType(method.ReturnType, out var asyncKind) ?? method.ReturnType;
        var answer = new TypeShapeParser(known).Parse(answerType, TypeShapeParser.Use.Answer, out var answerError);
        if (answer is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTaskAnswerType, location, method.Name, method.ReturnType.ToDisplayString(), answerError ?? "unsupported"));
            return new TaskParseResult(null, diagnostics.ToEquatableArray());
        }

        var analyzer = new TaskBodyAnalyzer(context.SemanticModel, known, method, method.Parameters[0], cancellationToken);
        var calls = analyzer.Analyze(syntax);
        if (analyzer.Diagnostic is not null)
        {
            diagnostics.Add(analyzer.Diagnostic);
            return new TaskParseResult(null, diagnostics.ToEquatableArray());
        }
        if (calls.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskWithoutToolCalls, location, method.Name));
            return new TaskParseResult(null, diagnostics.ToEquatableArray());
        }

        var containingTypes = ContainingTypes(method).Reverse().ToList();
        var typeName = TypeShapeParser.DisplayName(method.ContainingType);
        TaskAccessorModel? accessor = null;
        string invocation;
        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            var notPartial = containingTypes.FirstOrDefault(t => !IsPartial(t));
            if (notPartial is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskClassNotPartial, location, method.Name, notPartial.Name));
                return new TaskParseResult(null, diagnostics.ToEquatableArray());
            }
            var accessorName = "__ToolRL_Task_" + method.Name;
            accessor = new TaskAccessorModel(
                method.ContainingNamespace.IsGlobalNamespace ? string.Empty : method.ContainingNamespace.ToDisplayString(),
                containingTypes.Select(Declaration).ToEquatableArray(),
                accessorName,
                method.Name,
                TypeShapeParser.DisplayName(scenario),
                TypeShapeParser.DisplayName(method.ReturnType));
            invocation = typeName + "." + accessorName;
        }
        else
        {
            invocation = typeName + "." + Naming.Identifier(method.Name);
        }

        var model = new TaskModel(TypeShapeParser.DisplayName(scenario), method.ContainingType.Name, method.Name, question,
            calls.ToEquatableArray(), answer, invocation, accessor, asyncKind);
        return new TaskParseResult(model, diagnostics.ToEquatableArray(), analyzer.FactChecks.ToEquatableArray());
    }

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            yield return type;
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>A partial re-declaration of a containing type, e.g. <c>partial class TravelTasks</c>.</summary>
    private static string Declaration(INamedTypeSymbol type)
    {
        var kind = type.IsRecord
            ? (type.IsValueType ? "record struct" : "record")
            : type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Struct ? "struct" : type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Interface ? "interface" : "class";
        return $"partial {kind} {type.Name}";
    }
}
