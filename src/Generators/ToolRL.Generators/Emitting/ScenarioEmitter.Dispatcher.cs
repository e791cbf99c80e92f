using System.Collections.Generic;
using System.Linq;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators.Emitting;

internal sealed partial class ScenarioEmitter
{
    /// <summary>
    /// <c>Invoke</c> switches on the tool name; one <c>Invoke{Method}</c> per tool reads each argument with an explicit
    /// kind check, reports the first missing, unknown, repeated or mistyped argument as feedback, calls the tool and
    /// renders it. No argument JSON makes it throw: the readers report everything as a <c>ToolResult</c>.
    /// </summary>
    private void EmitDispatcher(SourceWriter w)
    {
        w.Line("/// <inheritdoc/>");
        w.Open($"public global::ToolRL.Tools.ToolResult Invoke({Interface} tools, string toolName, global::System.Text.Json.JsonElement arguments, global::System.Threading.CancellationToken cancellationToken)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(tools);");
        w.Line("return toolName switch");
        w.Line("{");
        w.Indent();
        foreach (var tool in _scenario.Tools)
            w.Line($"{Literal(tool.Name)} => Invoke{tool.MethodName}(tools, arguments, cancellationToken),");
        w.Line($"_ => {ToolFeedback}.UnknownTool(toolName),");
        w.Dedent();
        w.Line("};");
        w.Close();
        w.Line();
        foreach (var tool in _scenario.Tools)
            EmitInvokeTool(w, tool);
    }

    private void EmitInvokeTool(SourceWriter w, ToolModel tool)
    {
        var parameters = tool.Parameters;
        var usesToken = tool.CancellationTokenIndex >= 0;
        w.Open($"private static global::ToolRL.Tools.ToolResult Invoke{tool.MethodName}({Interface} tools, global::System.Text.Json.JsonElement arguments, global::System.Threading.CancellationToken cancellationToken)");
        w.Line($"const string tool = {Literal(tool.Name)};");
        // Arguments are checked before the tool runs, so a bad call never reaches the implementation.
        w.Line("if (arguments.ValueKind is not (global::System.Text.Json.JsonValueKind.Object or global::System.Text.Json.JsonValueKind.Undefined or global::System.Text.Json.JsonValueKind.Null))");
        w.Line($"    return {ToolFeedback}.ArgumentsNotJson(tool, \"got a JSON \" + arguments.ValueKind.ToString().ToLowerInvariant());");
        if (parameters.Count > 0)
        {
            w.Line("global::ToolRL.Tools.ToolResult error;");
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                var initial = parameter.DefaultLiteral ?? (parameter.Type.IsNullable ? "null" : parameter.Type.IsValueType ? "default" : "default!");
                w.Line($"{parameter.Type.DeclaredName} arg{i} = {initial};");
                w.Line($"var has{i} = false;");
            }
        }
        w.Open("if (arguments.ValueKind == global::System.Text.Json.JsonValueKind.Object)");
        w.Open("foreach (var argument in arguments.EnumerateObject())");
        // A name .NET cannot hold (an escaped lone surrogate) would throw from argument.Name.
        w.Line("if (!global::ToolRL.Serialization.JsonArgumentReader.TryGetName(argument, out var name))");
        w.Line($"    return {ToolFeedback}.InvalidText(tool, null);");
        var accepted = Literal(CodecEmitter.NameList(parameters.Select(p => p.Name)));
        if (parameters.Count == 0)
        {
            w.Line($"return {ToolFeedback}.UnknownArgument(tool, name, {accepted});");
        }
        else
        {
            w.Open("switch (name)");
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                w.Line($"case {Literal(parameter.Name)}:");
                w.Indent();
                w.Line($"if (has{i})");
                w.Line($"    return {ToolFeedback}.DuplicateArgument(tool, {Literal(parameter.Name)});");
                w.Line($"if (!{CodecPrefix(parameter.Type)}{CodecEmitter.ReadMethod(parameter.Type)}(argument.Value, tool, {Literal(parameter.Name)}, out arg{i}, out error))");
                w.Line("    return error;");
                w.Line($"has{i} = true;");
                w.Line("break;");
                w.Dedent();
            }
            w.Line("default:");
            w.Line($"    return {ToolFeedback}.UnknownArgument(tool, name, {accepted});");
            w.Close();
        }
        w.Close();
        w.Close();
        for (var i = 0; i < parameters.Count; i++)
        {
            if (!parameters[i].Required)
                continue;
            w.Line($"if (!has{i})");
            w.Line($"    return {ToolFeedback}.MissingArgument(tool, {Literal(parameters[i].Name)});");
        }
        if (!usesToken)
            w.Line("cancellationToken.ThrowIfCancellationRequested();");
        var call = $"tools.{Naming.Identifier(tool.MethodName)}({string.Join(", ", CallArguments(tool, i => "arg" + i, "cancellationToken"))})";
        if (tool.Async == AsyncKind.None)
        {
            w.Line($"var result = {call};");
        }
        else
        {
            // Started without a synchronization context, then waited for on this (tool) thread: see AsyncToolCall.
            w.Line($"{tool.ReturnType.DeclaredName} result;");
            w.Line($"using ({AsyncToolCall}.WithoutContext())");
            w.Line($"    result = {AsyncToolCall}.Wait({call});");
        }
        w.Line($"return global::ToolRL.Tools.ToolResult.Ok(Codec.Render{tool.ReturnType.Id}(result));");
        w.Close();
        w.Line();
    }

    private const string AsyncToolCall = "global::ToolRL.Tools.AsyncToolCall";

    /// <summary><c>Codec.</c> before a Codec method; nothing before a Runtime primitive (fully qualified already).</summary>
    private static string CodecPrefix(TypeShape shape) => CodecEmitter.IsPrimitive(shape) ? "" : "Codec.";

    /// <summary>The C# call's arguments in declaration order, with the cancellation token at its position.</summary>
    private static IEnumerable<string> CallArguments(ToolModel tool, System.Func<int, string> argument, string token)
    {
        var total = tool.Parameters.Count + (tool.CancellationTokenIndex >= 0 ? 1 : 0);
        var next = 0;
        for (var position = 0; position < total; position++)
            yield return position == tool.CancellationTokenIndex ? token : argument(next++);
    }
}
