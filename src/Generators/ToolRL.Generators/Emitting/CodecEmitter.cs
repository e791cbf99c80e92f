using System.Collections.Generic;
using System.Linq;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators.Emitting;

/// <summary>
/// Emits the scenario's <c>Codec</c>: explicit, reflection-free JSON readers (<c>TryReadX</c>), writers
/// (<c>WriteX</c>), tool-output renderers (<c>RenderX</c>) and answer renderers (<c>AnswerX</c>), one per type shape.
/// Scalars are read and written by the Runtime's <c>ToolRL.Serialization</c> primitives, which the generated code
/// calls; only per-type code (enums, nullable wrappers, sequences, objects) is emitted here.
/// </summary>
internal sealed class CodecEmitter
{
    private const string ToolFeedback = "global::ToolRL.Tools.ToolFeedback";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
    private const string Reader = "global::ToolRL.Serialization.JsonArgumentReader";
    private const string ValueWriter = "global::ToolRL.Serialization.JsonValueWriter";

    /// <summary>True for the shapes the Runtime reads and writes itself (no per-shape code is emitted for them).</summary>
    public static bool IsPrimitive(TypeShape shape) => !shape.IsNullable && shape.Kind is TypeKind.String or TypeKind.Boolean
        or TypeKind.Byte or TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double
        or TypeKind.Decimal or TypeKind.DateOnly or TypeKind.DateTime;

    /// <summary>The method that reads <paramref name="shape"/>: a Runtime primitive or the Codec's <c>TryReadX</c>.</summary>
    public static string ReadMethod(TypeShape shape) => IsPrimitive(shape) ? $"{Reader}.TryRead{shape.Kind}" : $"TryRead{shape.Id}";

    /// <summary>The method that writes <paramref name="shape"/>: a Runtime primitive or the Codec's <c>WriteX</c>.</summary>
    public static string WriteMethod(TypeShape shape) => IsPrimitive(shape) ? $"{ValueWriter}.Write{shape.Kind}" : $"Write{shape.Id}";

    /// <summary>The schema names of an object's properties as feedback lists them: <c>'a', 'b'</c>.</summary>
    public static string NameList(System.Collections.Generic.IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

    private readonly SortedDictionary<string, TypeShape> _read = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, TypeShape> _write = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, TypeShape> _render = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, TypeShape> _answer = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, TypeShape> _enums = new(System.StringComparer.Ordinal);

    private readonly List<ToolModel> _arguments = new();

    public void NeedArguments(ToolModel tool) => _arguments.Add(tool);

    private readonly SortedDictionary<string, TypeShape> _fromJson = new(System.StringComparer.Ordinal);

    /// <summary>Facts-file results of object and list types are rebuilt from JSON text by the shape's reader.</summary>
    public void NeedFromJson(TypeShape shape)
    {
        _fromJson[shape.Id] = shape;
        NeedRead(shape);
    }

    public void NeedRead(TypeShape shape)
    {
        if (!_read.ContainsKey(shape.Id))
        {
            _read[shape.Id] = shape;
            foreach (var child in Children(shape))
                NeedRead(child);
        }
        NeedWrite(shape);
    }

    public void NeedWrite(TypeShape shape)
    {
        if (_write.ContainsKey(shape.Id))
            return;
        _write[shape.Id] = shape;
        if (shape.Kind == TypeKind.Enum)
            _enums[shape.NonNullable.Id] = shape.NonNullable;
        foreach (var child in Children(shape))
            NeedWrite(child);
    }

    public void NeedRender(TypeShape shape)
    {
        _render[shape.Id] = shape;
        NeedWrite(shape);
    }

    public void NeedAnswer(TypeShape shape)
    {
        if (_answer.ContainsKey(shape.Id))
            return;
        _answer[shape.Id] = shape;
        NeedWrite(shape);
        if (shape.NonNullable.IsSequence)
            NeedAnswer(shape.Element!);
        if (shape.Kind == TypeKind.Tuple)
            foreach (var property in shape.Properties)
                NeedAnswer(property.Type);
    }

    private static IEnumerable<TypeShape> Children(TypeShape shape)
    {
        if (shape.IsNullable)
            yield return shape.NonNullable;
        if (shape.Element is not null)
            yield return shape.Element;
        foreach (var property in shape.Properties)
            yield return property.Type;
    }

    public void Emit(SourceWriter w)
    {
        w.Line("/// <summary>Reflection-free JSON readers, writers and renderers for the types in this scenario's tools and tasks.</summary>");
        w.Line(ScenarioEmitter.GeneratedCode);
        w.Open("internal static class Codec");
        foreach (var shape in _enums.Values)
            EmitEnumHelpers(w, shape);
        foreach (var shape in _read.Values.Where(s => !IsPrimitive(s)))
            EmitRead(w, shape);
        foreach (var shape in _write.Values.Where(s => !IsPrimitive(s)))
            EmitWrite(w, shape);
        foreach (var shape in _render.Values)
            EmitRender(w, shape);
        foreach (var shape in _answer.Values)
            EmitAnswer(w, shape);
        foreach (var shape in _fromJson.Values)
            EmitFromJson(w, shape);
        foreach (var tool in _arguments)
            ScenarioEmitter.EmitArgumentsWriter(w, tool);
        w.Close();
    }

    private static void EmitEnumHelpers(SourceWriter w, TypeShape shape)
    {
        w.Line($"/// <summary>Parses a member name of <see cref=\"{Cref(shape.FullName)}\"/>, ignoring case; numbers are rejected.</summary>");
        w.Open($"public static bool TryParse{shape.Id}(string text, out {shape.FullName} value)");
        foreach (var member in shape.EnumMembers)
        {
            w.Open($"if (string.Equals(text, \"{member}\", global::System.StringComparison.OrdinalIgnoreCase))");
            w.Line($"value = {shape.FullName}.{member};");
            w.Line("return true;");
            w.Close();
        }
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line($"public static string Name{shape.Id}({shape.FullName} value) => value switch");
        w.Line("{");
        w.Indent();
        foreach (var member in shape.EnumMembers)
            w.Line($"{shape.FullName}.{member} => \"{member}\",");
        w.Line("_ => value.ToString(),");
        w.Dedent();
        w.Line("};");
        w.Line();
    }

    private static string Cref(string fullName) => fullName.Replace("global::", "");

    private static void Fail(SourceWriter w, string result)
    {
        w.Line("value = default!;");
        w.Line($"error = {result};");
        w.Line("return false;");
    }

    private static void EmitRead(SourceWriter w, TypeShape shape)
    {
        w.Open($"public static bool TryRead{shape.Id}(global::System.Text.Json.JsonElement element, string tool, string path, out {shape.DeclaredName} value, out global::ToolRL.Tools.ToolResult error)");
        w.Line("error = default;");
        if (shape.IsNullable)
        {
            w.Open("if (element.ValueKind == global::System.Text.Json.JsonValueKind.Null)");
            w.Line("value = null;");
            w.Line("return true;");
            w.Close();
            w.Open($"if ({ReadMethod(shape.NonNullable)}(element, tool, path, out var inner, out error))");
            w.Line("value = inner;");
            w.Line("return true;");
            w.Close();
            w.Line("value = null;");
            w.Line("return false;");
            w.Close();
            w.Line();
            return;
        }
        switch (shape.Kind)
        {
            case TypeKind.Enum:
                var names = string.Join(", ", shape.EnumMembers.Select(m => "\\\"" + m + "\\\""));
                w.Open($"if (!{Reader}.TryReadText(element, tool, path, \"one of {names}\", out var text, out error))");
                w.Line("value = default;");
                w.Line("return false;");
                w.Close();
                w.Line($"if (TryParse{shape.Id}(text, out value))");
                w.Line("    return true;");
                Fail(w, $"{ToolFeedback}.InvalidArgument(tool, path, \"one of {names}\")");
                break;
            case TypeKind.Array or TypeKind.List:
                ReadSequence(w, shape);
                break;
            case TypeKind.Object:
                ReadObject(w, shape);
                break;
        }
        w.Close();
        w.Line();
    }

    private static void EmitFromJson(SourceWriter w, TypeShape shape)
    {
        w.Line("/// <summary>Builds a fact's result from its JSON text (checked at compile time), a fresh instance per call.</summary>");
        w.Open($"public static {shape.DeclaredName} FromJson{shape.Id}(string json)");
        w.Line("using var document = global::System.Text.Json.JsonDocument.Parse(json);");
        w.Line($"if (!{ReadMethod(shape)}(document.RootElement, \"facts\", \"result\", out var value, out var error))");
        w.Line("    throw new global::System.InvalidOperationException(error.Text);");
        w.Line("return value;");
        w.Close();
        w.Line();
    }

    private static void ReadSequence(SourceWriter w, TypeShape shape)
    {
        var element = shape.Element!;
        w.Open("if (element.ValueKind != global::System.Text.Json.JsonValueKind.Array)");
        Fail(w, $"{ToolFeedback}.InvalidArgument(tool, path, \"an array\")");
        w.Close();
        w.Line($"var items = new global::System.Collections.Generic.List<{element.DeclaredName}>(element.GetArrayLength());");
        w.Open("foreach (var item in element.EnumerateArray())");
        w.Open($"if (!{ReadMethod(element)}(item, tool, {Reader}.ItemPath(path), out var entry, out error))");
        w.Line("value = default!;");
        w.Line("return false;");
        w.Close();
        w.Line("items.Add(entry);");
        w.Close();
        w.Line(shape.ListFactory == "array" ? "value = items.ToArray();" : "value = items;");
        w.Line("return true;");
    }

    private static void ReadObject(SourceWriter w, TypeShape shape)
    {
        w.Open("if (element.ValueKind != global::System.Text.Json.JsonValueKind.Object)");
        Fail(w, $"{ToolFeedback}.InvalidArgument(tool, path, \"an object\")");
        w.Close();
        var properties = shape.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var initial = property.DefaultLiteral ?? (property.Type.IsNullable ? "null" : property.Type.IsValueType ? "default" : "default!");
            w.Line($"{property.Type.DeclaredName} p{i} = {initial};");
            w.Line($"var has{i} = false;");
        }
        w.Open("foreach (var property in element.EnumerateObject())");
        // A name .NET cannot hold (an escaped lone surrogate) would throw from property.Name.
        w.Open($"if (!{Reader}.TryGetName(property, out var name))");
        Fail(w, $"{ToolFeedback}.InvalidText(tool, null)");
        w.Close();
        w.Open("switch (name)");
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            w.Line($"case \"{property.JsonName}\":");
            w.Indent();
            w.Open($"if (has{i})");
            Fail(w, $"{ToolFeedback}.DuplicateArgument(tool, path + \".{property.JsonName}\")");
            w.Close();
            w.Open($"if (!{ReadMethod(property.Type)}(property.Value, tool, path + \".{property.JsonName}\", out p{i}, out error))");
            w.Line("value = default!;");
            w.Line("return false;");
            w.Close();
            w.Line($"has{i} = true;");
            w.Line("break;");
            w.Dedent();
        }
        w.Line("default:");
        w.Indent();
        Fail(w, $"{ToolFeedback}.UnknownProperty(tool, path, {ScenarioEmitter.Literal(NameList(properties.Select(p => p.JsonName)))})");
        w.Dedent();
        w.Close();
        w.Close();
        for (var i = 0; i < properties.Count; i++)
        {
            if (!properties[i].Required)
                continue;
            w.Open($"if (!has{i})");
            Fail(w, $"{ToolFeedback}.MissingArgument(tool, path + \".{properties[i].JsonName}\")");
            w.Close();
        }
        var constructorArguments = properties.Select((p, i) => (p, i)).Where(x => x.p.ConstructorIndex >= 0).OrderBy(x => x.p.ConstructorIndex).Select(x => "p" + x.i);
        var initializers = properties.Select((p, i) => (p, i)).Where(x => x.p.ConstructorIndex < 0 && (x.p.Required || x.p.InitOnly)).Select(x => $"{x.p.ClrName} = p{x.i}").ToList();
        var creation = $"new {shape.FullName}({string.Join(", ", constructorArguments)})";
        if (initializers.Count > 0)
            creation += " { " + string.Join(", ", initializers) + " }";
        w.Line($"var result = {creation};");
        // Optional settable properties keep the type's own initial value unless the JSON gives them.
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (property.ConstructorIndex < 0 && !property.Required && !property.InitOnly)
                w.Line($"if (has{i}) result.{property.ClrName} = p{i};");
        }
        w.Line("value = result;");
        w.Line("return true;");
    }

    private static void EmitWrite(SourceWriter w, TypeShape shape)
    {
        w.Open($"public static void Write{shape.Id}(global::System.Text.Json.Utf8JsonWriter writer, {shape.DeclaredName} value)");
        if (shape.IsNullable)
        {
            w.Line("if (value is null)");
            w.Line("    writer.WriteNullValue();");
            w.Line("else");
            w.Line($"    {WriteMethod(shape.NonNullable)}(writer, value{(shape.IsValueType ? ".Value" : "")});");
            w.Close();
            w.Line();
            return;
        }
        if (!shape.IsValueType)
        {
            // Authors with nullable warnings off may still return null; write JSON null rather than throw.
            w.Open("if (value is null)");
            w.Line("writer.WriteNullValue();");
            w.Line("return;");
            w.Close();
        }
        switch (shape.Kind)
        {
            case TypeKind.Enum:
                w.Line($"writer.WriteStringValue(Name{shape.Id}(value));");
                break;
            case TypeKind.Array or TypeKind.List:
                w.Line("writer.WriteStartArray();");
                w.Line("foreach (var item in value)");
                w.Line($"    {WriteMethod(shape.Element!)}(writer, item);");
                w.Line("writer.WriteEndArray();");
                break;
            case TypeKind.Tuple:
                w.Line("writer.WriteStartArray();");
                foreach (var property in shape.Properties)
                    w.Line($"{WriteMethod(property.Type)}(writer, value.{property.ClrName});");
                w.Line("writer.WriteEndArray();");
                break;
            case TypeKind.Object:
                w.Line("writer.WriteStartObject();");
                foreach (var property in shape.Properties)
                {
                    w.Line($"writer.WritePropertyName(\"{property.JsonName}\");");
                    w.Line($"{WriteMethod(property.Type)}(writer, value.{property.ClrName});");
                }
                w.Line("writer.WriteEndObject();");
                break;
        }
        w.Close();
        w.Line();
    }

    /// <summary>Tool output: strings and string-valued types as plain text, everything else as compact JSON.</summary>
    private static void EmitRender(SourceWriter w, TypeShape shape)
    {
        w.Line($"public static string Render{shape.Id}({shape.DeclaredName} value) =>");
        w.Indent();
        w.Line(PlainText(shape) ?? $"global::ToolRL.Json.Write(value, {WriteMethod(shape)});");
        w.Dedent();
        w.Line();
    }

    /// <summary>Task answers: plain text for scalars, parts of sequences and tuples joined with ", ", JSON for objects.</summary>
    private static void EmitAnswer(SourceWriter w, TypeShape shape)
    {
        var plain = PlainText(shape) ?? NumberText(shape);
        if (plain is not null)
        {
            w.Line($"public static string Answer{shape.Id}({shape.DeclaredName} value) =>");
            w.Indent();
            w.Line(plain);
            w.Dedent();
            w.Line();
            return;
        }
        w.Open($"public static string Answer{shape.Id}({shape.DeclaredName} value)");
        if (shape.IsNullable || !shape.IsValueType)
        {
            w.Line("if (value is null)");
            w.Line("    return \"null\";");
        }
        var inner = shape.IsNullable && shape.IsValueType ? "value.Value" : "value";
        switch (shape.Kind)
        {
            case TypeKind.Array or TypeKind.List:
                w.Line("var parts = new global::System.Collections.Generic.List<string>();");
                w.Line($"foreach (var item in {inner})");
                w.Line($"    parts.Add(Answer{shape.Element!.Id}(item));");
                w.Line("return string.Join(\", \", parts);");
                break;
            case TypeKind.Tuple:
                w.Line("return string.Join(\", \", " + string.Join(", ", shape.Properties.Select(p => $"Answer{p.Type.Id}({inner}.{p.ClrName})")) + ");");
                break;
            default:
                w.Line($"return global::ToolRL.Json.Write(value, {WriteMethod(shape)});");
                break;
        }
        w.Close();
        w.Line();
    }

    /// <summary>The expression rendering a string-valued shape as plain text, or null for other shapes.</summary>
    private static string? PlainText(TypeShape shape)
    {
        var value = shape.IsNullable && shape.IsValueType ? "value.Value" : "value";
        var text = shape.Kind switch
        {
            TypeKind.String => "value",
            TypeKind.Enum => $"Name{shape.NonNullable.Id}({value})",
            TypeKind.DateOnly => $"{ValueWriter}.DateOnlyText({value})",
            TypeKind.DateTime => $"{ValueWriter}.DateTimeText({value})",
            _ => null,
        };
        if (text is null)
            return null;
        if (shape.Kind == TypeKind.String)
            return "value ?? \"null\";";
        return shape.IsNullable ? $"value is null ? \"null\" : {text};" : text + ";";
    }

    private static string? NumberText(TypeShape shape)
    {
        var value = shape.IsNullable ? "value.Value" : "value";
        var text = shape.Kind switch
        {
            TypeKind.Boolean => $"{value} ? \"true\" : \"false\"",
            TypeKind.Byte or TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double or TypeKind.Decimal =>
                $"{value}.ToString({Invariant})",
            _ => null,
        };
        if (text is null)
            return null;
        return shape.IsNullable ? $"value is null ? \"null\" : ({text});" : text + ";";
    }
}
