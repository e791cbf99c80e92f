using System.Collections.Generic;
using System.Linq;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators.Emitting;

internal sealed partial class ScenarioEmitter
{
    /// <summary>
    /// <c>CreateRecorder</c> returns a proxy that forwards each call and records (tool name, arguments JSON, rendered
    /// output); <c>Codec.Arguments{Method}</c> writes the arguments object with the same writers as tool output.
    /// </summary>
    private void EmitRecorder(SourceWriter w)
    {
        w.Line("/// <inheritdoc/>");
        w.Line($"public {Interface} CreateRecorder({Interface} inner, global::ToolRL.Tasks.GoldenRecorder recorder) => new Recorder(inner, recorder);");
        w.Line();
        w.Line("/// <summary>Forwards every tool call to the wrapped implementation and records it.</summary>");
        w.Open($"private sealed class Recorder : {Interface}");
        w.Line($"private readonly {Interface} _inner;");
        w.Line("private readonly global::ToolRL.Tasks.GoldenRecorder _recorder;");
        w.Line();
        w.Open($"public Recorder({Interface} inner, global::ToolRL.Tasks.GoldenRecorder recorder)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(inner);");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(recorder);");
        w.Line("_inner = inner;");
        w.Line("_recorder = recorder;");
        w.Close();
        foreach (var tool in _scenario.Tools)
        {
            w.Line();
            var isAsync = tool.Async != AsyncKind.None;
            w.Open($"{(isAsync ? "async " : "")}{tool.DeclaredReturnType} {Interface}.{Naming.Identifier(tool.MethodName)}({ParameterList(tool)})");
            // Locals start with "__" so they never collide with a tool's parameter names.
            var call = $"_inner.{Naming.Identifier(tool.MethodName)}({string.Join(", ", CallArguments(tool, i => Naming.Identifier(tool.Parameters[i].Name), "cancellationToken"))})";
            w.Line(isAsync ? $"var __result = await {call}.ConfigureAwait(false);" : $"var __result = {call};");
            var args = string.Join(", ", tool.Parameters.Select(p => Naming.Identifier(p.Name)));
            w.Line($"_recorder.Record({Literal(tool.Name)}, Codec.Arguments{tool.MethodName}({args}), Codec.Render{tool.ReturnType.Id}(__result), __result);");
            w.Line("return __result;");
            w.Close();
        }
        w.Close();
        w.Line();
    }

    /// <summary>The explicit implementation's parameter list (no defaults: they would have no effect there).</summary>
    private static string ParameterList(ToolModel tool) =>
        string.Join(", ", CallArguments(tool, i => $"{tool.Parameters[i].Type.DeclaredName} {Naming.Identifier(tool.Parameters[i].Name)}", "global::System.Threading.CancellationToken cancellationToken"));

    /// <summary>Emitted into the Codec: one arguments-object writer per tool.</summary>
    internal static void EmitArgumentsWriter(SourceWriter w, ToolModel tool)
    {
        var parameters = string.Join(", ", tool.Parameters.Select(p => $"{p.Type.DeclaredName} {Naming.Identifier(p.Name)}"));
        w.Open($"public static string Arguments{tool.MethodName}({parameters})");
        if (tool.Parameters.Count == 0)
        {
            w.Line("return \"{}\";");
            w.Close();
            w.Line();
            return;
        }
        w.Line("var __buffer = new global::System.Buffers.ArrayBufferWriter<byte>(128);");
        w.Open("using (var __writer = new global::System.Text.Json.Utf8JsonWriter(__buffer, global::ToolRL.Json.WriterOptions))");
        w.Line("__writer.WriteStartObject();");
        foreach (var parameter in tool.Parameters)
        {
            w.Line($"__writer.WritePropertyName({Literal(parameter.Name)});");
            w.Line($"{CodecEmitter.WriteMethod(parameter.Type)}(__writer, {Naming.Identifier(parameter.Name)});");
        }
        w.Line("__writer.WriteEndObject();");
        w.Close();
        w.Line("return global::System.Text.Encoding.UTF8.GetString(__buffer.WrittenSpan);");
        w.Close();
        w.Line();
    }
}
