using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ToolRL.Generators.Model;
using TypeKind = ToolRL.Generators.Model.TypeKind;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Turns a type symbol into a <see cref="TypeShape"/>, or explains why it cannot be read from or written to
/// JSON. One instance per parsed declaration: it remembers the types it is inside of to reject recursion.
/// </summary>
internal sealed class TypeShapeParser
{
    private static readonly SymbolDisplayFormat FullName = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly HashSet<ITypeSymbol> _inProgress = new(SymbolEqualityComparer.Default);
    private readonly KnownSymbols _known;

    public TypeShapeParser(KnownSymbols known) => _known = known;

    /// <summary>How the shape is used: input types must be constructible from JSON; tuples are answers only.</summary>
    public enum Use { Input, Output, Answer }

    public static string DisplayName(ITypeSymbol type) => type.ToDisplayString(FullName);

    public TypeShape? Parse(ITypeSymbol type, Use use, out string? error)
    {
        error = null;
        var nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
        {
            nullable = true;
            type = wrapped.TypeArguments[0];
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            nullable = true;
            type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        var shape = ParseNonNullable(type, use, out error);
        if (shape is null || !nullable)
            return shape;
        return shape with { IsNullable = true };
    }

    private TypeShape? ParseNonNullable(ITypeSymbol type, Use use, out string? error)
    {
        error = null;
        var fullName = DisplayName(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return Scalar(TypeKind.String, fullName, "String", isValueType: false);
            case SpecialType.System_Boolean: return Scalar(TypeKind.Boolean, fullName, "Boolean");
            case SpecialType.System_Byte: return Scalar(TypeKind.Byte, fullName, "Byte");
            case SpecialType.System_Int16: return Scalar(TypeKind.Int16, fullName, "Int16");
            case SpecialType.System_Int32: return Scalar(TypeKind.Int32, fullName, "Int32");
            case SpecialType.System_Int64: return Scalar(TypeKind.Int64, fullName, "Int64");
            case SpecialType.System_Single: return Scalar(TypeKind.Single, fullName, "Single");
            case SpecialType.System_Double: return Scalar(TypeKind.Double, fullName, "Double");
            case SpecialType.System_Decimal: return Scalar(TypeKind.Decimal, fullName, "Decimal");
            case SpecialType.System_DateTime: return Scalar(TypeKind.DateTime, fullName, "DateTime");
            case SpecialType.System_Void:
                error = "void gives the model no output to read";
                return null;
            case SpecialType.System_Object:
                error = "'object' has no fixed JSON shape";
                return null;
            case SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Char:
                error = "use int, long, short or byte for integers and string for characters";
                return null;
        }

        if (KnownSymbols.Is(type, _known.DateOnly))
            return Scalar(TypeKind.DateOnly, fullName, "DateOnly");

        if (type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
        {
            var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray();
            return new TypeShape(TypeKind.Enum, fullName, Naming.ToIdentifierFragment(fullName), false, true, null, members, EquatableArray<PropertyShape>.Empty, "");
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                error = "only one-dimensional arrays are supported";
                return null;
            }
            var element = Parse(array.ElementType, use == Use.Answer ? Use.Output : use, out error);
            if (element is null)
                return null;
            return new TypeShape(TypeKind.Array, fullName, "ArrayOf" + element.Id, false, false, element, EquatableArray<string>.Empty, EquatableArray<PropertyShape>.Empty, "array", element.CanRead);
        }

        if (type is not INamedTypeSymbol named)
        {
            error = $"'{fullName}' is not a named type";
            return null;
        }

        if (named.IsTupleType)
            return ParseTuple(named, fullName, use, out error);

        if (_known.IsSequence(named))
        {
            var element = Parse(named.TypeArguments[0], use == Use.Answer ? Use.Output : use, out error);
            if (element is null)
                return null;
            return new TypeShape(TypeKind.List, fullName, named.Name + "Of" + element.Id, false, false, element, EquatableArray<string>.Empty, EquatableArray<PropertyShape>.Empty, "list", element.CanRead);
        }

        return ParseObject(named, fullName, use, out error);
    }

    private static TypeShape Scalar(TypeKind kind, string fullName, string id, bool isValueType = true) =>
        new(kind, fullName, id, false, isValueType, null, EquatableArray<string>.Empty, EquatableArray<PropertyShape>.Empty, "");

    private TypeShape? ParseTuple(INamedTypeSymbol tuple, string fullName, Use use, out string? error)
    {
        error = null;
        if (use != Use.Answer)
        {
            error = "tuples are only supported as task answers; use a record";
            return null;
        }
        var properties = new List<PropertyShape>();
        var position = 1;
        foreach (var element in tuple.TupleElements)
        {
            var shape = Parse(element.Type, Use.Answer, out error);
            if (shape is null)
                return null;
            properties.Add(new PropertyShape("Item" + position, "item" + position, shape, true, -1, null, ""));
            position++;
        }
        var id = "TupleOf" + string.Join("And", properties.Select(p => p.Type.Id));
        return new TypeShape(TypeKind.Tuple, fullName, id, false, true, null, EquatableArray<string>.Empty, properties.ToEquatableArray(), "", CanRead: false);
    }

    private TypeShape? ParseObject(INamedTypeSymbol type, string fullName, Use use, out string? error)
    {
        error = null;
        if (type.TypeKind is not (Microsoft.CodeAnalysis.TypeKind.Class or Microsoft.CodeAnalysis.TypeKind.Struct) || type.IsAbstract || type.IsStatic)
        {
            error = $"'{fullName}' is not a concrete class, record or struct";
            return null;
        }
        if (type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.")))
        {
            error = $"'{fullName}' is a framework type with no agreed JSON shape";
            return null;
        }
        if (type.IsGenericType)
        {
            error = $"generic type '{fullName}' is not supported; declare a non-generic record";
            return null;
        }
        if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            error = $"'{fullName}' is not accessible to generated code";
            return null;
        }
        if (!_inProgress.Add(type))
        {
            error = $"'{fullName}' contains itself; recursive types have no finite JSON schema";
            return null;
        }
        try
        {
            return BuildObject(type, fullName, use, out error);
        }
        finally
        {
            _inProgress.Remove(type);
        }
    }

    private TypeShape? BuildObject(INamedTypeSymbol type, string fullName, Use use, out string? error)
    {
        error = null;
        var readable = type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is { DeclaredAccessibility: Accessibility.Public })
            .ToList();
        var propertyByName = readable.ToDictionary(p => p.Name, System.StringComparer.OrdinalIgnoreCase);

        // The richest public constructor whose parameters all name properties (a record's primary constructor),
        // else the parameterless one; properties outside the constructor need a public setter or init.
        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.All(p => propertyByName.ContainsKey(p.Name)))
            .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null && type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Class && use == Use.Input)
        {
            error = $"'{fullName}' has no public constructor whose parameters all match its properties, and no public parameterless one";
            return null;
        }

        var docs = DocComment.For(type);
        var properties = new List<PropertyShape>();
        var bound = new HashSet<string>(System.StringComparer.Ordinal);
        if (constructor is not null)
        {
            for (var i = 0; i < constructor.Parameters.Length; i++)
            {
                var parameter = constructor.Parameters[i];
                var property = propertyByName[parameter.Name];
                var shape = Parse(property.Type, use == Use.Answer ? Use.Output : use, out error);
                if (shape is null)
                {
                    error = $"property '{property.Name}': {error}";
                    return null;
                }
                var hasDefault = parameter.HasExplicitDefaultValue;
                var defaultLiteral = hasDefault ? DefaultValues.CSharp(parameter.ExplicitDefaultValue, parameter.Type) : null;
                properties.Add(new PropertyShape(property.Name, Naming.ToCamelCase(property.Name), shape, !hasDefault && !shape.IsNullable, i, defaultLiteral, Describe(property, docs)));
                bound.Add(property.Name);
            }
        }
        foreach (var property in readable)
        {
            if (bound.Contains(property.Name))
                continue;
            var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            if (!settable && constructor is not null)
                continue; // computed or get-only: not part of the JSON shape of a constructible type
            var shape = Parse(property.Type, use == Use.Answer ? Use.Output : use, out error);
            if (shape is null)
            {
                error = $"property '{property.Name}': {error}";
                return null;
            }
            properties.Add(new PropertyShape(property.Name, Naming.ToCamelCase(property.Name), shape, property.IsRequired, -1, null, Describe(property, docs),
                property.SetMethod?.IsInitOnly == true));
        }
        return new TypeShape(TypeKind.Object, fullName, Naming.ToIdentifierFragment(fullName), false, type.IsValueType, null,
            EquatableArray<string>.Empty, properties.ToEquatableArray(), "", constructor is not null && properties.All(p => p.Type.CanRead));
    }

    private static string Describe(IPropertySymbol property, DocComment typeDocs)
    {
        var own = DocComment.For(property).Summary;
        return own.Length > 0 ? own : typeDocs.Param(property.Name);
    }
}
