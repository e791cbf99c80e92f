using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>Turns one <c>[Tool]</c> interface method into a <see cref="ToolModel"/>, reporting what is wrong with it.</summary>
internal static class ToolParser
{
    private static readonly Regex PhraseHole = new(@"\{([^{}]*)\}", RegexOptions.CultureInvariant);

    /// <summary>Returns null when the tool cannot be emitted; diagnostics say why.</summary>
    public static ToolModel? Parse(IMethodSymbol method, KnownSymbols known, List<DiagnosticInfo> diagnostics)
    {
        var attribute = known.ToolAttributeOf(method)!;
        var phrase = NamedString(attribute, "Phrase");
        var name = Naming.ToolName(attribute, method.Name);
        var location = LocationInfo.From(method);
        var display = Naming.ToolDisplay(name, method.Name);
        var ok = true;

        if (!Naming.IsValidToolName(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidToolName, location, name));
            ok = false;
        }

        var docs = DocComment.For(method);
        if (docs.Summary.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ToolWithoutDescription, location, display));
            ok = false;
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedToolSignature, location, display, "generic methods cannot be called from JSON arguments; remove the type parameters"));
            ok = false;
        }
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedToolSignature, location, display, "ref returns are not supported"));
            ok = false;
        }

        var parser = new TypeShapeParser(known);
        var parameters = new List<ParameterModel>();
        var cancellationIndex = -1;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var parameterLocation = LocationInfo.From(parameter);
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                var what = parameter.IsParams ? "a params array" : $"a '{parameter.RefKind.ToString().ToLowerInvariant()}' parameter";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedToolSignature, parameterLocation, display,
                    $"parameter '{parameter.Name}' is {what}; tools take plain input parameters and return their result"));
                ok = false;
                continue;
            }
            if (KnownSymbols.Is(parameter.Type, known.CancellationToken))
            {
                cancellationIndex = i;
                continue;
            }
            var shape = parser.Parse(parameter.Type, TypeShapeParser.Use.Input, out var error);
            if (shape is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, parameterLocation, parameter.Name, display,
                    parameter.Type.ToDisplayString(), error ?? "unsupported"));
                ok = false;
                continue;
            }
            var description = docs.Param(parameter.Name);
            if (description.Length == 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterWithoutDescription, parameterLocation, parameter.Name, display));
            string? defaultLiteral = null, defaultJson = null;
            if (parameter.HasExplicitDefaultValue)
            {
                defaultLiteral = DefaultValues.CSharp(parameter.ExplicitDefaultValue, parameter.Type);
                defaultJson = DefaultValues.Json(parameter.ExplicitDefaultValue, parameter.Type);
            }
            var required = !parameter.HasExplicitDefaultValue && !shape.IsNullable;
            parameters.Add(new ParameterModel(parameter.Name, shape, description, required, defaultLiteral, defaultJson));
        }

        // An async tool (Task<T>, ValueTask<T>) returns T: the dispatcher waits for it under the same timeout.
        var resultType = known.AwaitedType(method.ReturnType, out var asyncKind) ?? method.ReturnType;
        string? returnError = null;
        var returnShape = asyncKind == AsyncKind.None && known.IsAwaitable(method.ReturnType)
            ? null
            : parser.Parse(resultType, TypeShapeParser.Use.Output, out returnError);
        if (returnShape is null)
        {
            returnError = asyncKind == AsyncKind.None && known.IsAwaitable(method.ReturnType)
                ? "a Task or ValueTask without a result gives the model nothing to read; return Task<T> or ValueTask<T>"
                : returnError;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, display, method.ReturnType.ToDisplayString(), returnError ?? "unsupported"));
            ok = false;
        }

        if (phrase is not null)
        {
            foreach (Match match in PhraseHole.Matches(phrase))
            {
                var hole = match.Groups[1].Value;
                if (parameters.All(p => p.Name != hole))
                {
                    var names = parameters.Count == 0 ? "none" : string.Join(", ", parameters.Select(p => p.Name));
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PhraseNamesUnknownParameter, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()) ?? location, display, hole, names));
                    ok = false;
                }
            }
        }

        if (!ok || returnShape is null)
            return null;
        return new ToolModel(name, method.Name, phrase, docs.Summary, parameters.ToEquatableArray(), returnShape, cancellationIndex, docs.Returns, asyncKind);
    }

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;
}
