namespace ToolRL.Generators.Model;

/// <summary>The JSON-relevant kind of a C# type that appears in a tool signature or a task's answer.</summary>
internal enum TypeKind
{
    String,
    Boolean,
    Byte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Enum,
    DateOnly,
    DateTime,
    Array,
    List,
    Object,
    Tuple,
}

/// <summary>
/// What the emitter needs to know about a type: its kind, its C# name and, for composites, the element or
/// the properties. <see cref="Id"/> is an identifier-safe name for the generated read/write helpers.
/// </summary>
/// <param name="Kind">The kind.</param>
/// <param name="FullName">Fully qualified C# name without the nullable marker, e.g. <c>global::Travel.Forecast</c>.</param>
/// <param name="BaseId">Identifier-safe name of the non-nullable shape, e.g. <c>Forecast</c> or <c>ListOfString</c>.</param>
/// <param name="IsNullable">True for <c>T?</c> (value or annotated reference).</param>
/// <param name="IsValueType">True for structs and enums (decides <c>T?</c> handling).</param>
/// <param name="Element">The element shape of arrays and lists.</param>
/// <param name="EnumMembers">Member names of an enum, in declaration order.</param>
/// <param name="Properties">Properties of an object or elements of a tuple.</param>
/// <param name="ListFactory">For lists, how to materialise them: <c>array</c> (arrays and read-only interfaces) or <c>list</c>.</param>
internal sealed record TypeShape(
    TypeKind Kind,
    string FullName,
    string BaseId,
    bool IsNullable,
    bool IsValueType,
    TypeShape? Element,
    EquatableArray<string> EnumMembers,
    EquatableArray<PropertyShape> Properties,
    string ListFactory)
{
    /// <summary>Unique per shape, nullable marker included: <c>NullableInt32</c>, <c>ArrayOfString</c>.</summary>
    public string Id => IsNullable ? "Nullable" + BaseId : BaseId;

    /// <summary>The C# type as written in declarations, nullable marker included.</summary>
    public string DeclaredName => IsNullable ? FullName + "?" : FullName;

    /// <summary>The shape without its nullable marker (helpers are emitted once per non-nullable shape).</summary>
    public TypeShape NonNullable => IsNullable ? this with { IsNullable = false } : this;

    /// <summary>True for kinds whose JSON form is a string (rendered as-is at the top level).</summary>
    public bool IsStringLike => Kind is TypeKind.String or TypeKind.Enum or TypeKind.DateOnly or TypeKind.DateTime;

    public bool IsSequence => Kind is TypeKind.Array or TypeKind.List;

    public string JsonType => Kind switch
    {
        TypeKind.String or TypeKind.Enum or TypeKind.DateOnly or TypeKind.DateTime => "string",
        TypeKind.Boolean => "boolean",
        TypeKind.Byte or TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 => "integer",
        TypeKind.Single or TypeKind.Double or TypeKind.Decimal => "number",
        TypeKind.Array or TypeKind.List or TypeKind.Tuple => "array",
        _ => "object",
    };
}

/// <summary>One property of an object shape (or one element of a tuple).</summary>
/// <param name="ClrName">The C# property name.</param>
/// <param name="JsonName">The JSON property name (camelCase).</param>
/// <param name="Type">Its shape.</param>
/// <param name="Required">Whether a JSON object must contain it to construct the type.</param>
/// <param name="ConstructorIndex">Position in the chosen constructor, or -1 when set through an initializer.</param>
/// <param name="DefaultLiteral">C# expression of the constructor parameter's default, or null.</param>
/// <param name="Description">From the property's (or record parameter's) summary; may be empty.</param>
/// <param name="InitOnly">True for <c>init</c> setters (must be set in the object initializer).</param>
internal sealed record PropertyShape(
    string ClrName,
    string JsonName,
    TypeShape Type,
    bool Required,
    int ConstructorIndex,
    string? DefaultLiteral,
    string Description,
    bool InitOnly = false);
