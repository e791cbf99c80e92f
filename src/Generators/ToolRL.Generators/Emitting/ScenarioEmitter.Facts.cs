using System.Linq;
using System.Text;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators.Emitting;

internal sealed partial class ScenarioEmitter
{
    private void EmitFactsList(SourceWriter w)
    {
        w.Line("/// <inheritdoc/>");
        if (_facts.Count == 0)
        {
            w.Line("public global::System.Collections.Generic.IReadOnlyList<global::ToolRL.Tools.ToolFact> Facts { get; } = global::System.Array.Empty<global::ToolRL.Tools.ToolFact>();");
            w.Line();
            return;
        }
        w.Line("public global::System.Collections.Generic.IReadOnlyList<global::ToolRL.Tools.ToolFact> Facts { get; } = new global::ToolRL.Tools.ToolFact[]");
        w.Line("{");
        w.Indent();
        foreach (var fact in _facts)
        {
            var tool = _scenario.Tools.First(t => t.MethodName == fact.MethodName);
            w.Line($"new global::ToolRL.Tools.ToolFact({Literal(tool.Name)}, {Literal(FactArgumentsJson(tool, fact))}, Codec.Render{tool.ReturnType.Id}({fact.Result.CSharp})),");
        }
        w.Dedent();
        w.Line("};");
        w.Line();
    }

    private static string FactArgumentsJson(ToolModel tool, FactModel fact)
    {
        var json = new StringBuilder("{");
        for (var i = 0; i < tool.Parameters.Count; i++)
        {
            if (i > 0)
                json.Append(',');
            JsonText.AppendQuoted(json, tool.Parameters[i].Name);
            json.Append(':').Append(fact.Arguments[i].Json);
        }
        return json.Append('}').ToString();
    }

    private void EmitLocalImplementation(SourceWriter w)
    {
        w.Line("/// <inheritdoc/>");
        w.Line(_scenario.HasFacts
            ? $"public global::System.Func<{Interface}>? LocalImplementation {{ get; }} = static () => new {FactsClassName}();"
            : $"public global::System.Func<{Interface}>? LocalImplementation => null;");
        w.Line();
    }

    /// <summary>
    /// The local implementation of a facts-only scenario: the fact's result for matching arguments (strings compared
    /// ignoring case), otherwise a <c>NoRecordException</c> "No record found for tool(args)." for every return type: the
    /// session reports it as a <c>NoRecord</c> outcome (never a success), and a golden call that hits it fails its task at load.
    /// </summary>
    private void EmitFactsClass(SourceWriter w)
    {
        w.Line("/// <summary>");
        w.Line($"/// Local implementation of <see cref=\"{_scenario.InterfaceName}\"/> generated from its facts. A call whose arguments match a fact");
        w.Line("/// (strings compared ignoring case) returns the fact's result. Any other call throws a NoRecordException");
        w.Line("/// \"No record found for tool(arguments).\", which the session reports as a NoRecord outcome.");
        w.Line("/// </summary>");
        w.Line(GeneratedCode);
        w.Open($"{Accessibility} sealed class {FactsClassName} : {Interface}");
        var first = true;
        foreach (var tool in _scenario.Tools)
        {
            if (!first)
                w.Line();
            first = false;
            w.Open($"{tool.DeclaredReturnType} {Interface}.{Naming.Identifier(tool.MethodName)}({ParameterList(tool)})");
            foreach (var fact in _facts.Where(f => f.MethodName == tool.MethodName))
            {
                var conditions = tool.Parameters.Select((p, i) => Matches(p, fact.Arguments[i])).ToList();
                var condition = conditions.Count == 0 ? "true" : string.Join(" && ", conditions);
                w.Line($"if ({condition})");
                w.Line($"    return {Completed(tool, fact.Result.CSharp)};");
            }
            w.Line($"throw new global::ToolRL.Tools.NoRecordException({NoRecordMessage(tool)});");
            w.Close();
        }
        w.Close();
    }

    /// <summary>A fact's result as the tool returns it: the value, or a completed Task/ValueTask of it (no record throws at once).</summary>
    private static string Completed(ToolModel tool, string value) => tool.Async switch
    {
        AsyncKind.Task => $"global::System.Threading.Tasks.Task.FromResult<{tool.ReturnType.DeclaredName}>({value})",
        AsyncKind.ValueTask => $"new global::System.Threading.Tasks.ValueTask<{tool.ReturnType.DeclaredName}>({value})",
        _ => value,
    };

    private static string Matches(ParameterModel parameter, FactValue value)
    {
        var name = Naming.Identifier(parameter.Name);
        return parameter.Type.Kind == TypeKind.String
            ? $"string.Equals({name}, {value.CSharp}, global::System.StringComparison.OrdinalIgnoreCase)"
            : $"{name} == {value.CSharp}";
    }

    /// <summary><c>"No record found for get_capital(country=" + json(country) + ")."</c></summary>
    private string NoRecordMessage(ToolModel tool)
    {
        if (tool.Parameters.Count == 0)
            return Literal($"No record found for {tool.Name}().");
        var parts = tool.Parameters.Select((p, i) =>
            (i == 0 ? Literal($"No record found for {tool.Name}({p.Name}=") : Literal($", {p.Name}=")) +
            $" + global::ToolRL.Json.Write({Naming.Identifier(p.Name)}, {(CodecEmitter.IsPrimitive(p.Type) ? "" : ClassName + ".Codec.")}{CodecEmitter.WriteMethod(p.Type)})");
        return string.Join(" + ", parts) + " + \").\"";
    }
}
