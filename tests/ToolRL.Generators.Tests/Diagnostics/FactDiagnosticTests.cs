using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GeneratorTests.Diagnostics.DiagnosticAssert;

namespace GeneratorTests.Diagnostics;

/// <summary>One test per facts diagnostic (TRL030–TRL035) and the facts-file lookup.</summary>
public class FactDiagnosticTests
{
    private const string Tools = GoodTool + """

            /// <summary>Area of a country.</summary>
            /// <param name="country">Country.</param>
            /// <param name="includeWater">Lakes count.</param>
            [Tool]
            long GetArea(string country, bool includeWater = true);

            /// <summary>Founding day.</summary>
            /// <param name="country">Country.</param>
            [Tool]
            DateOnly GetFounding(string country);
        """;

    [Fact]
    public void TRL030_fact_for_an_unknown_tool()
    {
        var source = Scenario(Tools, "[ToolFact(\"GetCaptial\", \"Tokyo\", \"Japan\")]");
        Single(source, "TRL030", DiagnosticSeverity.Error, "GetCaptial", "A fact names 'GetCaptial'", "tools: GetCapital, GetArea, GetFounding");
    }

    [Theory]
    [InlineData("[ToolFact(\"GetCapital\", \"Tokyo\")]", "gives 0 argument(s), but the tool takes 1")]
    [InlineData("[ToolFact(\"GetCapital\", \"Tokyo\", \"Japan\", \"extra\")]", "gives 2 argument(s), but the tool takes 1")]
    [InlineData("[ToolFact(\"GetArea\", 5L, \"Japan\", true, 3)]", "gives 3 argument(s), but the tool takes 1 to 2")]
    public void TRL031_fact_argument_count_mismatch(string attribute, string message)
    {
        Single(Scenario(Tools, attribute), "TRL031", DiagnosticSeverity.Error, "Fact(", message);
    }

    [Theory]
    [InlineData("[ToolFact(\"GetCapital\", \"Tokyo\", 5)]", "country = 5", "'string'")]
    [InlineData("[ToolFact(\"GetCapital\", 5, \"Japan\")]", "the result = 5", "'string'")]
    [InlineData("[ToolFact(\"GetArea\", \"big\", \"Japan\")]", "the result = \"big\"", "'long'")]
    [InlineData("[ToolFact(\"GetArea\", 5, \"Japan\", \"yes\")]", "includeWater = \"yes\"", "'bool'")]
    [InlineData("[ToolFact(\"GetFounding\", \"1821-13-40\", \"Peru\")]", "the result = \"1821-13-40\"", "yyyy-MM-dd")]
    [InlineData("[ToolFact(\"GetCapital\", null, \"Japan\")]", "the result = null", "null is only allowed for nullable types")]
    public void TRL032_fact_value_type_mismatch(string attribute, string value, string expected)
    {
        Single(Scenario(Tools, attribute), "TRL032", DiagnosticSeverity.Error, "Fact(", $"A fact for", value, expected);
    }

    [Fact]
    public void TRL033_facts_file_missing()
    {
        var source = Scenario(Tools, "[FactsFile(\"capitals.json\")]");
        Single(source, "TRL033", DiagnosticSeverity.Error, "FactsFile(", "Facts file 'capitals.json' is not among the compilation's AdditionalFiles", "<AdditionalFiles Include=");
    }

    private const string JapanFacts = "{ \"GetCapital\": [ { \"args\": { \"country\": \"Japan\" }, \"result\": \"Tokyo\" } ] }";

    [Theory]
    [InlineData("dir/capitals.json", "/src/proj/dir/capitals.json")]
    [InlineData("dir\\capitals.json", "C:\\proj\\dir\\capitals.json")]
    [InlineData("capitals.json", "/src/proj/dir/capitals.json")]
    public void A_facts_file_named_with_a_folder_matches_on_the_path_tail(string requested, string path)
    {
        // Only file names used to be compared, so a name with a folder never matched (and TRL033 said it was missing).
        var run = GeneratorHarness.Run(Scenario(Tools, $"[FactsFile(@\"{requested}\")]"), (path, JapanFacts));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("\"Tokyo\"", run.Source("Scenario.g.cs"));
    }

    [Fact]
    public void A_folder_that_does_not_match_is_missing_and_a_name_matching_two_files_is_ambiguous()
    {
        var other = GeneratorHarness.Run(Scenario(Tools, "[FactsFile(\"dir/capitals.json\")]"), ("/src/proj/other/capitals.json", JapanFacts));
        Single(other, "TRL033", DiagnosticSeverity.Error, "FactsFile(", "Facts file 'dir/capitals.json' is not among");
        var two = GeneratorHarness.Run(Scenario(Tools, "[FactsFile(\"capitals.json\")]"), ("/src/a/capitals.json", JapanFacts), ("/src/b/capitals.json", JapanFacts));
        Single(two, "TRL034", DiagnosticSeverity.Error, "FactsFile(", "matches several AdditionalFiles");
    }

    [Fact]
    public void A_facts_file_that_is_not_utf8_is_an_error()
    {
        // What a decoder makes of bytes that are not UTF-8.
        var run = GeneratorHarness.Run(Scenario(Tools, "[FactsFile(\"capitals.json\")]"), ("capitals.json", JapanFacts.Replace("Tokyo", "T\uFFFDky\uFFFD")));
        Single(run, "TRL034", DiagnosticSeverity.Error, "FactsFile(", "is not valid UTF-8 text");
    }

    [Fact]
    public void Facts_that_differ_only_in_case_are_an_error()
    {
        var json = "{ \"GetCapital\": [ { \"args\": { \"country\": \"Japan\" }, \"result\": \"Tokyo\" }, { \"args\": { \"country\": \"JAPAN\" }, \"result\": \"Kyoto\" } ] }";
        var run = GeneratorHarness.Run(Scenario(Tools, "[FactsFile(\"capitals.json\")]"), ("capitals.json", json));
        Single(run, "TRL035", DiagnosticSeverity.Error, "ISpec", "Two facts for 'GetCapital' match the same calls, (country=\"Japan\") and (country=\"JAPAN\")");
    }

    [Theory]
    [InlineData("{ \"GetCapital\": [ { \"args\": { \"country\": \"Japan\" }, \"result\": \"Tokyo\" }, ] }", "unexpected character ']' at line 1, column")]
    [InlineData("[]", "the top level must be an object")]
    [InlineData("{ \"GetCapital\": { } }", "'GetCapital' must be an array of facts")]
    [InlineData("{ \"GetCapital\": [ { \"result\": \"Tokyo\" } ] }", "GetCapital[0] must be an object with \"args\"")]
    [InlineData("{ \"GetCapital\": [ { \"args\": { \"nation\": \"Japan\" }, \"result\": \"Tokyo\" } ] }", "names argument 'nation'")]
    [InlineData("{ \"GetCapital\": [ { \"args\": { }, \"result\": \"Tokyo\", \"extra\": 1 } ] }", "unknown property 'extra'")]
    public void TRL034_facts_file_invalid(string json, string problem)
    {
        var source = Scenario(Tools, "[FactsFile(\"capitals.json\")]");
        var run = GeneratorHarness.Run(source, ("data/capitals.json", json));
        Single(run, "TRL034", DiagnosticSeverity.Error, "FactsFile(", "Facts file 'capitals.json' is invalid", problem);
    }

    [Theory]
    [InlineData("""{ "country": "Chile" }""", "result lacks required property 'kilometres'")]
    [InlineData("""{ "country": "Chile", "kilometres": "long" }""", "result.kilometres: a string does not fit")]
    [InlineData("""{ "country": "Chile", "kilometres": 1, "sea": true }""", "result has no property 'sea' (properties: country, kilometres)")]
    [InlineData("""[1]""", "result must be an object")]
    public void Facts_file_object_results_are_checked_against_the_return_type(string result, string problem)
    {
        var source = Scenario(GoodTool + """

                /// <summary>Longest border.</summary>
                /// <param name="country">Country.</param>
                [Tool]
                Border GetBorder(string country);
            """, "[FactsFile(\"borders.json\")]", "public sealed record Border(string Country, double Kilometres);");
        var run = GeneratorHarness.Run(source, ("borders.json", $$"""{ "GetBorder": [ { "args": { "country": "Peru" }, "result": {{result}} } ] }"""));
        Single(run, "TRL032", DiagnosticSeverity.Error, "FactsFile(", "A fact for 'GetBorder' gives the result", problem);
    }

    [Fact]
    public void Facts_file_values_are_checked_like_attribute_values()
    {
        var source = Scenario(Tools, "[FactsFile(\"capitals.json\")]");
        var run = GeneratorHarness.Run(source, ("capitals.json", """{ "GetArea": [ { "args": { "country": "Japan" }, "result": 1.5 } ] }"""));
        Single(run, "TRL032", DiagnosticSeverity.Error, "FactsFile(", "A fact for 'GetArea' gives the result = 1.5", "'long'");
    }
    private static GeneratorRun WithFactsAndTask(string task) => GeneratorHarness.Run(Scenario(Tools + """

            /// <summary>The continent of a country.</summary>
            /// <param name="country">Country.</param>
            /// <param name="region">Region.</param>
            [Tool]
            string GetContinent(string country, Region region = Region.Any);
        """, "[ToolFact(\"GetCapital\", \"Tokyo\", \"Japan\")] [ToolFact(\"GetArea\", 378000L, \"Japan\")] [ToolFact(\"GetContinent\", \"Asia\", \"Japan\", Region.East)]",
        extra: $$"""
        /// <summary>Regions.</summary>
        public enum Region { Any, East }

        public static partial class Tasks
        {
            [Task("Question?")]
            {{task}}
        }
        """));

    [Theory]
    [InlineData("static string Missing(ISpec t) => t.GetCapital(\"Marketing\");", "t.GetCapital(\"Marketing\")", "its golden call 0, get_capital(country=\"Marketing\"), matches no fact of scenario 'spec'")]
    [InlineData("static long MissingInt(ISpec t) => t.GetArea(\"Japan\", false);", "t.GetArea(\"Japan\", false)", "its golden call 0, get_area(country=\"Japan\", includeWater=false)")]
    [InlineData("static (string, string) Second(ISpec t) => (t.GetCapital(\"japan\"), t.GetContinent(\"Japan\"));", "t.GetContinent(\"Japan\")", "its golden call 1, get_continent(country=\"Japan\", region=\"Any\")")]
    public void TRL036_a_golden_call_with_constant_arguments_that_no_fact_matches(string task, string located, string message)
    {
        var diagnostic = Single(WithFactsAndTask(task), "TRL036", DiagnosticSeverity.Error, located, message, "the task cannot load");
        Assert.Contains("Task 'Tasks.", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    // Strings ignore case as in the facts implementation; omitted defaults, named arguments and enum members count.
    [InlineData("static string Capital(ISpec t) => t.GetCapital(\"JAPAN\");")]
    [InlineData("static long Area(ISpec t) => t.GetArea(includeWater: true, country: \"Japan\");")]
    [InlineData("static long AreaDefault(ISpec t) => t.GetArea(\"Japan\");")]
    [InlineData("static string Continent(ISpec t) => t.GetContinent(\"japan\", Region.East);")]
    // A call fed by another call's output is not known at compile time: the load reports it, if it misses.
    [InlineData("static string Chained(ISpec t) => t.GetCapital(t.GetCapital(\"Japan\"));")]
    public void TRL036_is_not_reported_for_matching_or_non_constant_calls(string task)
    {
        var run = WithFactsAndTask(task);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void TRL036_is_not_stacked_on_a_missing_facts_file()
    {
        var run = GeneratorHarness.Run(Scenario(GoodTool, "[FactsFile(\"missing.json\")]", extra: """
            public static partial class Tasks
            {
                [Task("Question?")]
                static string Capital(ISpec t) => t.GetCapital("Japan");
            }
            """));
        Assert.Equal(["TRL033"], run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Fact]
    public void TRL036_needs_facts_a_hand_written_implementation_is_not_checked()
    {
        var run = GeneratorHarness.Run(Scenario(GoodTool, extra: """
            public static partial class Tasks
            {
                [Task("Question?")]
                static string Capital(ISpec t) => t.GetCapital("Nowhere");
            }
            """));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "TRL036");
    }
}
