using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GeneratorTests.Diagnostics.DiagnosticAssert;

namespace GeneratorTests.Diagnostics;

/// <summary>One test per scenario/tool diagnostic (TRL001–TRL013).</summary>
public class ScenarioDiagnosticTests
{
    [Fact]
    public void TRL001_tool_without_summary()
    {
        var source = Scenario("""
                /// <param name="country">Country.</param>
                [Tool]
                string GetCapital(string country);
            """);
        Single(source, "TRL001", DiagnosticSeverity.Error, "GetCapital", "Tool 'get_capital' (method GetCapital) has no description", "<summary>");
    }

    [Fact]
    public void TRL002_scenario_without_summary_is_a_warning_and_code_is_still_generated()
    {
        var source = Scenario(GoodTool).Replace("/// <summary>A scenario.</summary>", "");
        var run = GeneratorHarness.Run(source);
        Single(run, "TRL002", DiagnosticSeverity.Warning, "ISpec", "Scenario interface 'ISpec' has no description");
        Assert.Contains(run.Sources, s => s.HintName == "Spec.SpecScenario.g.cs");
    }

    [Fact]
    public void TRL003_duplicate_tool_names()
    {
        var source = Scenario(GoodTool + """

                /// <summary>Also a capital.</summary>
                /// <param name="country">Country.</param>
                [Tool(Name = "get_capital")]
                string Capital(string country);
            """);
        Single(source, "TRL003", DiagnosticSeverity.Error, "Capital", "Tool name 'get_capital' is used by both 'GetCapital(string)' and 'Capital(string)'");
    }

    [Theory]
    [InlineData("get capital")]
    [InlineData("")]
    [InlineData("héllo")]
    public void TRL004_invalid_tool_name(string name)
    {
        var source = Scenario($$"""
                /// <summary>Capital.</summary>
                /// <param name="country">Country.</param>
                [Tool(Name = "{{name}}")]
                string GetCapital(string country);
            """);
        Single(source, "TRL004", DiagnosticSeverity.Error, "GetCapital", $"Tool name '{name}' is invalid", "a-z, A-Z, 0-9");
    }

    [Theory]
    [InlineData("object", "'object' has no fixed JSON shape")]
    [InlineData("uint", "use int, long, short or byte")]
    [InlineData("Dictionary<string, int>", "framework type")]
    [InlineData("Node", "contains itself")]
    [InlineData("int[,]", "one-dimensional")]
    [InlineData("(int, int)", "tuples are only supported as task answers")]
    [InlineData("NoConstructor", "no public constructor")]
    public void TRL005_unsupported_parameter_type(string type, string reason)
    {
        var source = Scenario($$"""
                /// <summary>Looks something up.</summary>
                /// <param name="value">The value.</param>
                [Tool]
                string Lookup({{type}} value);
            """, extra: """
            public sealed class Node { public Node? Next { get; set; } }
            public sealed class NoConstructor { private NoConstructor() { } public int X { get; set; } }
            """);
        Single(source, "TRL005", DiagnosticSeverity.Error, "value", "Parameter 'value' of tool 'lookup' (method Lookup)", reason, "Supported:");
    }

    [Theory]
    [InlineData("void", "void gives the model no output")]
    [InlineData("Task", "a Task or ValueTask without a result gives the model nothing to read")]
    [InlineData("ValueTask", "a Task or ValueTask without a result gives the model nothing to read")]
    [InlineData("Task<object>", "'object' has no fixed JSON shape")]
    [InlineData("object", "'object' has no fixed JSON shape")]
    public void TRL006_unsupported_return_type(string type, string reason)
    {
        var source = Scenario($$"""
                /// <summary>Does something.</summary>
                [Tool]
                {{type}} Act();
            """);
        Single(source, "TRL006", DiagnosticSeverity.Error, "Act", "Tool 'act' (method Act) returns", reason);
    }

    [Theory]
    [InlineData("string Act<T>(string country);", "Act", "generic methods")]
    [InlineData("string Act(ref string country);", "country", "'ref' parameter")]
    [InlineData("string Act(out string country);", "country", "'out' parameter")]
    [InlineData("string Act(params string[] country);", "country", "params array")]
    public void TRL007_generic_ref_out_and_params_methods(string declaration, string located, string reason)
    {
        var source = Scenario($$"""
                /// <summary>Does something.</summary>
                /// <param name="country">Country.</param>
                [Tool]
                {{declaration}}
            """);
        Single(source, "TRL007", DiagnosticSeverity.Error, located, "Tool 'act' (method Act) cannot be dispatched", reason);
    }

    [Fact]
    public void TRL003_overloads_are_named_by_their_signatures()
    {
        var source = Scenario("""
                /// <summary>Returns an office.</summary>
                /// <param name="city">City.</param>
                [Tool]
                string GetOffice(string city);

                /// <summary>Returns an office on a floor.</summary>
                /// <param name="city">City.</param>
                /// <param name="floor">Floor.</param>
                [Tool]
                string GetOffice(string city, int floor);
            """);
        Single(source, "TRL003", DiagnosticSeverity.Error, "GetOffice",
            "Tool name 'get_office' is used by both 'GetOffice(string)' and 'GetOffice(string, int)'");
    }

    [Fact]
    public void TRL008_scenario_without_tools()
    {
        Single(Scenario(""), "TRL008", DiagnosticSeverity.Error, "ISpec", "declares no [Tool] methods");
    }

    [Fact]
    public void TRL009_parameter_without_param_doc_is_a_warning()
    {
        var source = Scenario("""
                /// <summary>Returns the capital of a country.</summary>
                [Tool]
                string GetCapital(string country);
            """);
        var run = GeneratorHarness.Run(source);
        Single(run, "TRL009", DiagnosticSeverity.Warning, "country", "Parameter 'country' of tool 'get_capital' (method GetCapital) has no <param name=\"country\">");
        Assert.Contains(run.Sources, s => s.HintName == "Spec.SpecScenario.g.cs");
    }

    [Fact]
    public void TRL010_phrase_naming_an_unknown_parameter()
    {
        var source = Scenario("""
                /// <summary>Returns the capital of a country.</summary>
                /// <param name="country">Country.</param>
                [Tool(Phrase = "the capital of {nation}")]
                string GetCapital(string country);
            """);
        Single(source, "TRL010", DiagnosticSeverity.Error, "Phrase", "names '{nation}'", "its parameters: country");
    }

    [Theory]
    [InlineData("")]
    [InlineData("my scenario")]
    public void TRL011_invalid_scenario_name(string name)
    {
        var source = Scenario(GoodTool).Replace("[Scenario(\"spec\")]", $"[Scenario(\"{name}\")]");
        Single(source, "TRL011", DiagnosticSeverity.Error, "ISpec", $"Scenario name '{name}' is invalid");
    }

    [Theory]
    [InlineData("int Count { get; }", "Count", "a property")]
    [InlineData("/// <summary>x</summary>\n    string NotATool();", "NotATool", "a method without [Tool]")]
    [InlineData("event EventHandler Changed;", "Changed", "an event")]
    public void TRL012_members_that_are_not_tools(string member, string located, string what)
    {
        var source = Scenario(GoodTool + "\n    " + member);
        Single(source, "TRL012", DiagnosticSeverity.Error, located, $"'{located}' is {what}");
    }

    [Fact]
    public void TRL013_scenario_inheriting_another_interface()
    {
        var source = Scenario(GoodTool).Replace("public interface ISpec", "public interface ISpec : IDisposable");
        Single(source, "TRL013", DiagnosticSeverity.Error, "ISpec", "inherits other interfaces");
    }

    [Fact]
    public void TRL013_nested_scenario_interface()
    {
        var source = """
            using ToolRL;
            namespace Spec;
            public static class Outer
            {
                /// <summary>Nested.</summary>
                [Scenario("nested")]
                public interface INested
                {
                    /// <summary>Count.</summary>
                    [Tool] int Count();
                }
            }
            """;
        Single(source, "TRL013", DiagnosticSeverity.Error, "INested", "nested in a type");
    }

    [Fact]
    public void Doc_comments_are_read_even_when_the_compilation_does_not_parse_documentation()
    {
        var run = GeneratorHarness.Run([Scenario(GoodTool)], DocumentationMode.None);
        Assert.Empty(run.GeneratorDiagnostics);
        var source = run.Source("SpecScenario.g.cs");
        Assert.Contains("\"Returns the capital of a country.\"", source);
        Assert.Contains("\\\"description\\\":\\\"Country.\\\"", source);
    }
}

/// <summary>Diagnostics that look across scenarios or assemblies (TRL014, TRL026).</summary>
public class CrossScenarioDiagnosticTests
{
    [Fact]
    public void TRL014_two_scenarios_with_the_same_name()
    {
        var source = Scenario(GoodTool, extra: """
            /// <summary>Another.</summary>
            [Scenario("spec")]
            public interface ISpecToo
            {
                /// <summary>Count.</summary>
                [Tool] int Count();
            }
            """);
        Single(source, "TRL014", DiagnosticSeverity.Error, "ISpecToo", "Scenario name 'spec' is used by both 'ISpec' and 'ISpecToo'");
    }

    [Fact]
    public void TRL026_task_for_a_scenario_declared_in_another_assembly()
    {
        var library = GeneratorHarness.Run(Scenario(GoodTool));
        Assert.Empty(library.CompilationProblems);
        using var image = new MemoryStream();
        Assert.True(library.Output.Emit(image).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray());

        const string tasks = """
            using ToolRL;
            using Spec;
            namespace Consumer;
            public static class Tasks
            {
                [Task("What is the capital of Japan?")]
                public static string Capital(ISpec t) => t.GetCapital("Japan");
            }
            """;
        var run = GeneratorHarness.Run([tasks], DocumentationMode.Diagnose, [reference]);
        Single(run, "TRL026", DiagnosticSeverity.Warning, "Capital", "Task 'Capital' uses scenario 'ISpec', which is declared in another assembly");
    }
    [Theory]
    [InlineData("[Tool]\n    string GetCapital(string country);", "TRL001")]
    [InlineData("/// <summary>Does something.</summary>\n    [Tool]\n    object Act();", "TRL006")]
    public void A_scenario_with_errors_reports_only_its_TRL_diagnostic_not_a_follow_on_CS0103(string tool, string id)
    {
        var source = Scenario(tool, extra: """
            public static class Uses
            {
                public static ToolRL.Environments.IScenario<ISpec> Scenario => SpecScenario.Instance;

                public static string Name() => new ToolRL.Environments.ToolEnvironment<ISpec>(SpecScenario.Instance).Name;
            }
            """);
        var run = GeneratorHarness.Run(source);
        Assert.Equal([id], run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id));
        Assert.DoesNotContain(run.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
        // The placeholder names the cause if anything runs it anyway.
        var uses = run.Load().GetType("Spec.Uses")!;
        var error = Assert.IsType<InvalidOperationException>(Assert.Throws<System.Reflection.TargetInvocationException>(() => uses.GetProperty("Scenario")!.GetValue(null)).InnerException);
        Assert.Contains("Spec.ISpec has ToolRL errors (TRL diagnostics in the build)", error.Message);
    }
}
