using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Sources;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace Construction.Tests;

public sealed class CompositionTests
{
    [Fact]
    public void Composes_the_requested_count_of_every_structure_with_matching_call_graphs()
    {
        var tasks = new TaskComposer(TestScenarios.Geo()).Compose(new CompositionOptions { SingleHop = 5, ParallelSingleHop = 6, MultiHop = 7, ParallelMultiHop = 4 }).ToList();

        Assert.Equal(5, tasks.Count(t => t.Structure == TaskStructure.SingleHop));
        Assert.Equal(6, tasks.Count(t => t.Structure == TaskStructure.ParallelSingleHop));
        Assert.Equal(7, tasks.Count(t => t.Structure == TaskStructure.MultiHop));
        Assert.Equal(4, tasks.Count(t => t.Structure == TaskStructure.ParallelMultiHop));
        foreach (var t in tasks)
        {
            var specs = t.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToArray();
            Assert.Equal(t.Structure, TaskStructures.Classify(specs));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_tasks_and_another_seed_other_tasks()
    {
        var a = Compose.Geo(seed: 7).Select(t => t.Id + "|" + t.Question).ToList();
        var b = Compose.Geo(seed: 7).Select(t => t.Id + "|" + t.Question).ToList();
        var c = Compose.Geo(seed: 8).Select(t => t.Id + "|" + t.Question).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Tasks_are_distinct_even_when_more_are_asked_for_than_exist()
    {
        // 12 countries x 2 country tools + ... : far fewer than 500 distinct single-hop tasks exist.
        var tasks = new TaskComposer(TestScenarios.Geo()).Compose(new CompositionOptions { SingleHop = 500, ParallelSingleHop = 300, MultiHop = 0, ParallelMultiHop = 0, MaxConsecutiveFailures = 300 }).ToList();
        Assert.Equal(tasks.Count, tasks.Select(t => t.Id).Distinct().Count());
        Assert.Equal(tasks.Count, tasks.Select(t => t.Question).Distinct().Count());
        var singles = tasks.Count(t => t.Structure == TaskStructure.SingleHop);
        Assert.InRange(singles, 1, 499);
        var graphs = tasks.Select(t => string.Join(";", t.SubQuestions.Select(q => q.ToolName + q.ArgumentsJson))).ToList();
        Assert.Equal(graphs.Count, graphs.Distinct().Count());
        Assert.Equal(300, tasks.Count(t => t.Structure == TaskStructure.ParallelSingleHop));
    }

    [Fact]
    public void Parallel_single_hop_tasks_have_two_to_four_independent_calls()
    {
        var tasks = new TaskComposer(TestScenarios.Geo()).Compose(new CompositionOptions { SingleHop = 0, ParallelSingleHop = 60, MultiHop = 0, ParallelMultiHop = 0 }).ToList();
        Assert.All(tasks, t => Assert.InRange(t.SubQuestions.Count, 2, 4));
        Assert.All(tasks, t => Assert.All(t.SubQuestions, q => Assert.Empty(q.DependsOn)));
        Assert.Contains(tasks, t => t.SubQuestions.Count == 4);
        Assert.All(tasks, t => Assert.Equal(string.Join(", ", t.SubQuestions.Select(q => q.Answer)), t.FinalAnswer));
    }

    [Fact]
    public void Chains_feed_each_output_into_the_next_call_and_never_state_it_in_the_question()
    {
        var tasks = new TaskComposer(TestScenarios.Geo()).Compose(new CompositionOptions { SingleHop = 0, ParallelSingleHop = 0, MultiHop = 30, ParallelMultiHop = 20, MaxHopDepth = 3 }).ToList();
        Assert.Equal(50, tasks.Count);
        foreach (var t in tasks)
        {
            foreach (var q in t.SubQuestions.Where(q => q.DependsOn.Count > 0))
            {
                var producer = t.SubQuestions[q.DependsOn[0]];
                Assert.Contains(ToolRL.Json.Quote(producer.Answer), q.ArgumentsJson);
                Assert.DoesNotContain(producer.Answer, t.Question, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain("{", t.Question);
            Assert.DoesNotContain("}", t.Question);
            Assert.InRange(TaskStructures.HopDepth(t.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToArray()), 2, 3);
        }
        Assert.Contains(tasks, t => TaskStructures.HopDepth(t.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToArray()) == 3);
        // The multi-hop question nests the phrases: "the mayor of the capital of Kenya".
        Assert.Contains(tasks, t => t.Question.Contains(" of the capital of ", StringComparison.Ordinal));
    }

    [Fact]
    public void Gold_answers_are_the_outputs_of_a_fresh_implementation()
    {
        var data = GeoData.Small();
        foreach (var t in Compose.Geo())
        {
            var world = new GeoWorld(data);
            var scenario = new GeoScenario(data);
            foreach (var q in t.SubQuestions)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(q.ArgumentsJson);
                Assert.Equal(q.Answer, scenario.Invoke(world, q.ToolName, doc.RootElement, default).Text);
            }
        }
    }

    [Fact]
    public void Each_task_runs_on_its_own_fresh_implementation_and_composition_is_lazy()
    {
        var counter = new CountingSource();
        var source = counter.Wrap(TestScenarios.Geo());
        var first = new TaskComposer(source).Compose(new CompositionOptions { SingleHop = 1_000_000 }).Take(3).ToList();
        Assert.Equal(3, first.Count);
        Assert.InRange(counter.Invokers, 3, 50);
        Assert.InRange(counter.Calls, 3, 50);
    }

    [Fact]
    public void A_phrase_naming_an_unknown_parameter_is_rejected_with_the_tool_name()
    {
        var signature = new ToolSignature("get_capital", "GetCapital", "the capital of {nation}", [new ToolParameter("country", "string", "string", true, "")], "string");
        var e = Assert.Throws<FormatException>(() => PhraseTemplate.For(signature));
        Assert.Contains("get_capital", e.Message);
        Assert.Contains("{nation}", e.Message);
        var stray = signature with { Phrase = "the capital of {country} }" };
        Assert.Contains("brace", Assert.Throws<FormatException>(() => PhraseTemplate.For(stray)).Message);
    }

    [Fact]
    public void A_tool_without_a_phrase_gets_one_from_its_name()
    {
        var signature = new ToolSignature("get_exchange_rate", "GetExchangeRate", null,
            [new ToolParameter("from", "string", "string", true, ""), new ToolParameter("to", "string", "string", true, ""), new ToolParameter("day", "string", "string", false, "")], "double");
        Assert.Equal("the exchange rate of {from} and {to}", PhraseTemplate.DerivePhrase(signature));
        Assert.Equal(["from", "to"], PhraseTemplate.For(signature).Holes);
    }

    [Fact]
    public void Data_files_add_domain_values_and_bad_entries_are_named()
    {
        var source = TestScenarios.Library();
        var domains = ValueDomains.FromScenario(source);
        Assert.DoesNotContain(domains.For("count_pages", "title"), v => v.Text == "Atlas");
        domains.AddJson("""{"count_pages.title":["Atlas"],"title":["Dune"]}""");
        Assert.Contains(domains.For("count_pages", "title"), v => v.Text == "Atlas");
        Assert.Contains("no tool of scenario 'library' has a parameter 'year'", Assert.Throws<FormatException>(() => domains.AddJson("""{"year":[1]}""")).Message);
        Assert.Contains("must map to an array", Assert.Throws<FormatException>(() => domains.AddJson("""{"title":"Dune"}""")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<FormatException>(() => domains.AddJson("{")).Message);
    }

    [Fact]
    public void A_parameter_without_own_values_borrows_same_named_values_and_enums_come_from_the_signature()
    {
        var domains = ValueDomains.FromScenario(TestScenarios.Geo());
        Assert.Equal(["Celsius", "Fahrenheit"], domains.For("get_weather", "unit").Select(v => v.Text));
        // get_weather has no facts; its city values are pooled from the other city tools.
        Assert.Contains(domains.For("get_weather", "city"), v => v.Text == "Tokyo");
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_named()
    {
        var composer = new TaskComposer(TestScenarios.Geo());
        Assert.Contains("MaxHopDepth", Assert.Throws<ArgumentException>(() => composer.Compose(new CompositionOptions { MaxHopDepth = 1 }).ToList()).Message);
        Assert.Contains("MinParallel", Assert.Throws<ArgumentException>(() => composer.Compose(new CompositionOptions { MinParallel = 1 }).ToList()).Message);
    }
}
