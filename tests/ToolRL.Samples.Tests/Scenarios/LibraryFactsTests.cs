using ToolRL.Rewards;
using ToolRL.Samples.Catalog;
using ToolRL.Samples.Scenarios.Library;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Scenarios;

/// <summary>The facts-only library: answers come from the facts; anything else is "no such record".</summary>
public class LibraryFactsTests
{
    [Fact]
    public void There_is_no_hand_written_implementation_only_the_generated_one()
    {
        Assert.NotNull(LibraryScenario.Instance.LocalImplementation);
        Assert.DoesNotContain(typeof(ILibrary).Assembly.GetTypes(),
            t => typeof(ILibrary).IsAssignableFrom(t) && !t.IsInterface && t.Name is not ("LibraryFacts" or "Recorder"));
    }

    [Fact]
    public void Facts_come_from_both_the_attributes_and_the_facts_file()
    {
        var perTool = LibraryScenario.Instance.Facts.GroupBy(f => f.ToolName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perTool["get_publication_year"]); // [ToolFact] attributes
        Assert.Equal(10, perTool["get_shelf_mark"]);
        Assert.Equal(10, perTool["get_author"]); // library-facts.json
        Assert.Equal(10, perTool["get_birth_year"]);
        Assert.Equal(10, perTool["get_hometown"]);
        Assert.Equal(10, perTool["get_rival"]); // one cycle through every author
    }

    [Fact]
    public void Every_rival_is_an_author_with_a_rival_so_no_record_answers_never_echo_a_gold_rival()
    {
        // The "no such record" text echoes its argument; were a rival without a fact of their own, asking for
        // that rival's rival would echo a name that is the gold answer of another get_rival fact.
        var rivals = LibraryScenario.Instance.Facts.Where(f => f.ToolName == "get_rival").ToList();
        var askedAbout = rivals.Select(f => System.Text.Json.JsonDocument.Parse(f.ArgumentsJson).RootElement.GetProperty("author").GetString()).ToHashSet();
        Assert.All(rivals, f => Assert.Contains(f.Output, askedAbout));
        Assert.Equal(rivals.Count, rivals.Select(f => f.Output).Distinct().Count());
    }

    [Fact]
    public async Task Every_fact_is_answered_through_a_session()
    {
        using var session = SampleEnvironments.Library.OpenSession();
        foreach (var fact in LibraryScenario.Instance.Facts)
        {
            var result = await session.ExecuteAsync(new ToolCall(fact.ToolName, fact.ArgumentsJson));
            Assert.True(result.IsOk, result.Text);
            Assert.Equal(fact.Output, result.Text);
        }
    }

    [Theory]
    [InlineData("get_author", """{"title":"The Missing Chapter"}""")]
    [InlineData("get_shelf_mark", """{"title":"The Missing Chapter"}""")]
    [InlineData("get_publication_year", """{"title":"Salt and Pepper"}""")]
    [InlineData("get_birth_year", """{"author":"Nobody Known"}""")]
    [InlineData("get_hometown", """{"author":"Nobody Known"}""")]
    [InlineData("get_rival", """{"author":"Nobody Known"}""")]
    public async Task Anything_else_gets_a_no_such_record_answer_naming_the_call(string tool, string arguments)
    {
        using var session = SampleEnvironments.Library.OpenSession();
        var result = await session.ExecuteAsync(new ToolCall(tool, arguments));

        // Never a success (a string tool's fallback used to be one): the outcome is NoRecord, the text without error prefix.
        Assert.Equal(ToolRL.Tools.ToolOutcome.NoRecord, result.Outcome);
        Assert.StartsWith($"No record found for {tool}(", result.Text, StringComparison.Ordinal);
        var value = System.Text.Json.JsonDocument.Parse(arguments).RootElement.EnumerateObject().Single().Value.GetString()!;
        Assert.Contains(value, result.Text, StringComparison.Ordinal);
        // It never passes for any true answer of that tool.
        Assert.All(LibraryScenario.Instance.Facts.Where(f => f.ToolName == tool),
            fact => Assert.False(AnswerVerifier.Verify(result.Text, fact.Output), $"'{result.Text}' passes for '{fact.Output}'"));
    }
}
