using System.Linq;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators.Emitting;

internal sealed partial class ScenarioEmitter
{
    /// <summary>
    /// One <c>TaskDescriptor</c> per task: id, question and golden call graph from compile time, and Solve. The Runtime
    /// classifies the graph's structure (one classifier, not a compile-time copy).
    /// </summary>
    private void EmitTasks(SourceWriter w)
    {
        var descriptor = $"global::ToolRL.Tasks.TaskDescriptor<{Interface}>";
        w.Line("/// <inheritdoc/>");
        if (_tasks.Count == 0)
        {
            w.Line($"public global::System.Collections.Generic.IReadOnlyList<{descriptor}> Tasks {{ get; }} = global::System.Array.Empty<{descriptor}>();");
            w.Line();
            return;
        }
        w.Line($"public global::System.Collections.Generic.IReadOnlyList<{descriptor}> Tasks {{ get; }} = new {descriptor}[]");
        w.Line("{");
        w.Indent();
        foreach (var task in _tasks)
        {
            w.Line($"new {descriptor}(");
            w.Indent();
            w.Line(Literal(TaskId(task)) + ",");
            w.Line(Literal(task.Question) + ",");
            w.Line("new global::ToolRL.Tasks.GoldenCallSpec[]");
            w.Line("{");
            w.Indent();
            foreach (var call in task.Calls)
            {
                var dependsOn = call.DependsOn.Count == 0
                    ? "global::System.Array.Empty<int>()"
                    : "new int[] { " + string.Join(", ", call.DependsOn.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + " }";
                if (call.SubAnswerMember is { } member && call.SubAnswerShape is { } shape)
                {
                    // The task reads only this property of the call's result: it is the gold sub-answer.
                    var read = string.Join(".", member.Split('.').Select(Naming.Identifier));
                    w.Line($"new global::ToolRL.Tasks.GoldenCallSpec({call.Index}, {Literal(call.ToolName)}, {dependsOn},");
                    w.Line($"    static __result => Codec.Render{shape.Id}((({call.ResultTypeName})__result!).{read}), {Literal(member)}),");
                }
                else
                {
                    w.Line($"new global::ToolRL.Tasks.GoldenCallSpec({call.Index}, {Literal(call.ToolName)}, {dependsOn}),");
                }
            }
            w.Dedent();
            w.Line("},");
            if (task.Async == AsyncKind.None)
            {
                w.Line($"static tools => Codec.Answer{task.ReturnType.Id}({task.Invocation}(tools))),");
            }
            else
            {
                // An async task body runs without a synchronization context and is waited for (see AsyncToolCall).
                w.Line("static tools =>");
                w.Line("{");
                w.Line("    using (global::ToolRL.Tools.AsyncToolCall.WithoutContext())");
                w.Line($"        return Codec.Answer{task.ReturnType.Id}(global::ToolRL.Tools.AsyncToolCall.Wait({task.Invocation}(tools)));");
                w.Line("}),");
            }
            w.Dedent();
        }
        w.Dedent();
        w.Line("};");
        w.Line();
    }
}
