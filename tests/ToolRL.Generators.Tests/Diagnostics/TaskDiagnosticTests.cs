using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GeneratorTests.Diagnostics.DiagnosticAssert;

namespace GeneratorTests.Diagnostics;

/// <summary>One test per task diagnostic (TRL020–TRL025).</summary>
public class TaskDiagnosticTests
{
    private static string WithTasks(string tasks, string extra = "") => Scenario(GoodTool, extra: $$"""
        public static partial class Tasks
        {
        {{tasks}}
        }

        public sealed class Other
        {
            public string Describe(string s) => s;
        }
        {{extra}}
        """);

    [Theory]
    [InlineData("string Capital(ISpec t) => t.GetCapital(\"Japan\");", "it is not static")]
    [InlineData("static string Capital(ISpec t, int n) => t.GetCapital(\"Japan\");", "it has 2 parameters")]
    [InlineData("static void Capital(ISpec t) => t.GetCapital(\"Japan\");", "it returns void")]
    [InlineData("static string Capital(Other t) => t.Describe(\"Japan\");", "is not a [Scenario] interface")]
    [InlineData("static string Capital<T>(ISpec t) => t.GetCapital(\"Japan\");", "it is generic")]
    [InlineData("static async System.Threading.Tasks.Task Capital(ISpec t) => t.GetCapital(\"Japan\");", "it is async without a result")]
    public void TRL020_bad_task_signature(string method, string problem)
    {
        var source = WithTasks($"[Task(\"What is the capital of Japan?\")]\n    {method}");
        Single(source, "TRL020", DiagnosticSeverity.Error, "Capital", "Task method 'Capital' has an invalid signature", problem, "exactly one parameter of a [Scenario] interface type");
    }

    [Theory]
    [InlineData("{ if (true) return t.GetCapital(\"Japan\"); return \"\"; }", "if (true)", "an 'if' statement")]
    [InlineData("{ var s = \"\"; foreach (var c in new[] { \"a\" }) s = t.GetCapital(c); return s; }", "foreach", "a loop")]
    [InlineData("=> t.GetCapital(\"Japan\").ToUpper();", "ToUpper", "the call 't.GetCapital(\"Japan\").ToUpper()'")]
    [InlineData("=> t.GetCapital(\"Japan\").Length.ToString();", "Length", "the call")]
    [InlineData("=> t.GetCapital(string.Concat(\"Ja\", \"pan\"));", "string.Concat", "the call 'string.Concat(\"Ja\", \"pan\")'")]
    [InlineData("=> $\"{t.GetCapital(\"Japan\")}!\";", "$\"", "the interpolated string")]
    [InlineData("=> t.GetCapital(\"Ja\" + \"pan\");", "\"Ja\" + \"pan\"", "the operator expression")]
    [InlineData("=> t.GetCapital((string)Environment.MachineName);", "(string)", "the cast '(string)Environment.MachineName'")]
    [InlineData("=> t.GetCapital(Environment.MachineName);", "Environment.MachineName", "the member access 'Environment.MachineName'")]
    public void TRL021_task_body_not_a_composition_of_tool_calls(string body, string located, string what)
    {
        var source = WithTasks($"[Task(\"What is the capital of Japan?\")]\n    static string Capital(ISpec t) {body}");
        Single(source, "TRL021", DiagnosticSeverity.Error, located, $"Task 'Capital': {what}", "is not allowed here. A task body is an expression",
            "tool calls on the scenario parameter", "Loops, conditions");
    }

    [Fact]
    public void TRL022_task_calling_tools_of_another_scenario()
    {
        var source = WithTasks("""
                [Task("What is the capital of Japan?")]
                static string Capital(ISpec t) => OtherScenario.Tools.Count();
            """, extra: """
            /// <summary>Another scenario.</summary>
            [Scenario("other")]
            public interface IOther
            {
                /// <summary>Counts.</summary>
                [Tool] string Count();
            }

            public static class OtherScenario
            {
                public static IOther Tools = null!;
            }
            """);
        Single(source, "TRL022", DiagnosticSeverity.Error, "OtherScenario.Tools.Count()", "Task 'Capital' calls 'Count' on something other than its scenario parameter 't'");
    }

    [Fact]
    public void TRL023_private_task_in_a_non_partial_class()
    {
        var source = Scenario(GoodTool, extra: """
            public static class Tasks
            {
                [Task("What is the capital of Japan?")]
                static string Capital(ISpec t) => t.GetCapital("Japan");
            }
            """);
        Single(source, "TRL023", DiagnosticSeverity.Error, "Capital", "Task method 'Capital' is private", "declare 'Tasks'", "'partial'");
    }

    [Fact]
    public void TRL024_task_without_tool_calls()
    {
        var source = WithTasks("[Task(\"What is the capital of Japan?\")]\n    static string Capital(ISpec t) => \"Tokyo\";");
        Single(source, "TRL024", DiagnosticSeverity.Error, "Capital", "Task 'Capital' makes no tool calls");
    }

    [Fact]
    public void TRL025_task_answer_type_that_cannot_be_rendered()
    {
        var source = WithTasks("[Task(\"What is the capital of Japan?\")]\n    static object Capital(ISpec t) => t.GetCapital(\"Japan\");");
        Single(source, "TRL025", DiagnosticSeverity.Error, "Capital", "Task 'Capital' returns 'object'", "no fixed JSON shape");
    }

    [Fact]
    public void Allowed_arguments_compile_without_diagnostics()
    {
        var source = Scenario("""
                /// <summary>Plans a trip.</summary>
                /// <param name="plan">The plan.</param>
                /// <param name="day">Day.</param>
                /// <param name="mode">Mode.</param>
                /// <param name="stops">Stops.</param>
                /// <param name="budget">Budget.</param>
                [Tool]
                string Plan(Trip plan, DateOnly day, Mode mode, string[] stops, decimal budget = 0);
            """ + GoodTool, extra: """
            public enum Mode { Train, Car }
            public sealed record Trip(string From, string To) { public int Nights { get; init; } }

            public static partial class Tasks
            {
                private const string Home = "Oslo";

                [Task("Plan a trip from Oslo to the capital of Japan.")]
                static string Plan(ISpec t)
                {
                    var capital = t.GetCapital("Japan");
                    string[] stops = [t.GetCapital("Peru"), "Lima"];
                    return t.Plan(new Trip(Home, capital) { Nights = -2 }, new DateOnly(2025, 5, 1), Mode.Train, stops, budget: (decimal)-2.5);
                }
            }
            """);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var scenario = run.Source("SpecScenario.g.cs");
        Assert.Contains("new global::ToolRL.Tasks.GoldenCallSpec(2, \"plan\", new int[] { 0, 1 }),", scenario);
        // The Runtime classifies the structure from this graph (TaskDescriptor.Structure); nothing is emitted for it.
        Assert.DoesNotContain("TaskStructure", scenario);
    }
}

/// <summary>Parameter names that match names the generated code uses internally still compile cleanly.</summary>
public class GeneratedNameCollisionTests
{
    [Fact]
    public void Parameters_named_like_generated_locals_compile_without_warnings()
    {
        var source = DiagnosticAssert.Scenario("""
                /// <summary>Echoes.</summary>
                /// <param name="result">a</param>
                /// <param name="message">b</param>
                /// <param name="writer">c</param>
                /// <param name="buffer">d</param>
                /// <param name="tools">e</param>
                /// <param name="arguments">f</param>
                /// <param name="error">g</param>
                /// <param name="tool">h</param>
                [Tool]
                string Echo(string result, string message, int writer, int buffer, string tools, string arguments, string error, string tool);
            """, "[ToolFact(\"Echo\", \"hi\", \"a\", \"b\", 1, 2, \"c\", \"d\", \"e\", \"f\")]");
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }
}
