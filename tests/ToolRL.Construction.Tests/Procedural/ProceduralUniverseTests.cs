using System.Text.Json;
using ToolRL.Construction.Procedural;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace Construction.Tests.Procedural;

/// <summary>The procedural universe: deterministic, solvable through its sessions, all four structures, valid schemas.</summary>
public sealed class ProceduralUniverseTests
{
    private static readonly ProceduralOptions Small = new() { Scenarios = 3, Composition = new() { SingleHop = 6, ParallelSingleHop = 6, MultiHop = 6, ParallelMultiHop = 6, MaxConsecutiveFailures = 300 } };

    private static string Fingerprint(ProceduralUniverse universe) => string.Join("\n", universe.Scenarios.SelectMany(s =>
        s.Tools.Select(t => t.Name + t.Description + t.ParametersSchema)
            .Concat(s.Source.Facts.Select(f => f.ToolName + f.ArgumentsJson + f.Output))
            .Concat(s.Tasks.Select(t => t.Id + t.Question + t.FinalAnswer + string.Concat(t.SubQuestions.Select(q => q.ToolName + q.ArgumentsJson + q.Answer))))));

    [Fact]
    public void The_same_seed_gives_the_same_universe_and_another_seed_another()
    {
        var first = Fingerprint(ProceduralUniverse.Generate(Small));
        var again = Fingerprint(ProceduralUniverse.Generate(Small));
        var other = ProceduralUniverse.Generate(Small with { Seed = 2 });

        Assert.Equal(first, again);
        Assert.NotEqual(first, Fingerprint(other));
        var firstTools = ProceduralUniverse.Generate(Small).Scenarios.SelectMany(s => s.Tools.Select(t => t.Name)).ToList();
        Assert.NotEqual(firstTools, other.Scenarios.SelectMany(s => s.Tools.Select(t => t.Name)).ToList());
    }

    [Fact]
    public void A_scenario_does_not_change_when_the_universe_has_more_scenarios()
    {
        var two = ProceduralUniverse.Generate(Small with { Scenarios = 2 });
        var three = ProceduralUniverse.Generate(Small);
        Assert.Equal(Fingerprint(two), Fingerprint(ProceduralUniverse.Generate(Small with { Scenarios = 2 })));
        Assert.StartsWith(Fingerprint(two), Fingerprint(three), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_golden_call_graph_solves_its_task_through_a_session()
    {
        var universe = DefaultUniverse.Value;
        var tasks = 0;
        foreach (var scenario in universe.Scenarios)
        {
            foreach (var task in scenario.Tasks)
            {
                using var session = scenario.OpenSession();
                var unsolved = task.NewUnsolvedSet();
                var outputs = new List<string>();
                foreach (var q in task.SubQuestions)
                {
                    var result = await session.ExecuteAsync(new ToolCall(q.ToolName, q.ArgumentsJson));
                    Assert.True(result.IsOk, $"{task.Id}: {q.ToolName}{q.ArgumentsJson} gave {result.Text}");
                    Assert.True(unsolved.TrySolve(q.ToolName, result.Text), $"{task.Id}: {q.ToolName} output \"{result.Text}\" solves nothing");
                    outputs.Add(result.Text);
                }
                Assert.Equal(0, unsolved.Remaining);
                Assert.All(task.FinalAnswer.Split(ToolRL.Rewards.AnswerVerifier.PartSeparator), part => Assert.Contains(part, outputs));
                tasks++;
            }
        }
        Assert.Equal(universe.Describe().Tasks, tasks);
    }

    [Fact]
    public void Chains_feed_an_output_into_the_next_call_argument()
    {
        var chained = DefaultUniverse.Value.Scenarios.SelectMany(s => s.Tasks)
            .Where(t => t.Structure == TaskStructure.MultiHop)
            .SelectMany(t => t.SubQuestions.Where(q => q.DependsOn.Count > 0).Select(q => (q, producer: t.SubQuestions[q.DependsOn[0]])))
            .ToList();
        Assert.NotEmpty(chained);
        Assert.All(chained, c => Assert.Contains(JsonSerializer.Serialize(c.producer.Answer).Trim('"'), c.q.ArgumentsJson));
    }

    [Fact]
    public void All_four_structures_come_out_in_useful_numbers_and_few_are_rejected()
    {
        var universe = DefaultUniverse.Value;
        var summary = universe.Describe();
        var wanted = universe.Options.Scenarios;
        foreach (var structure in Enum.GetValues<TaskStructure>())
        {
            var perScenario = universe.Options.Composition.CountOf(structure);
            Assert.True(summary.TasksPerStructure[structure] >= wanted * perScenario * 3 / 4,
                $"{structure}: {summary.TasksPerStructure[structure]} of {wanted * perScenario} wanted");
        }
        Assert.True(summary.RejectionRate < 0.25, $"validation rejected {summary.RejectionRate:P1}");
        // The environments hold exactly what validation accepted.
        Assert.All(universe.Scenarios, s => Assert.Equal(s.Validation.Valid, s.Tasks.Count));
        Assert.Equal(summary.Composed - summary.Rejected, summary.Tasks);
        Assert.Equal(universe.Scenarios.Sum(s => s.Tools.Count), summary.Tools);
        Assert.Equal(universe.Options.Scenarios * universe.Options.ToolsPerScenario, summary.Tools);
        Assert.Equal(summary.Tools * universe.Options.EntitiesPerTool, summary.Facts);
        Assert.True(summary.Entities >= universe.Options.Scenarios * universe.Options.KindsPerScenario * universe.Options.EntitiesPerTool * 3 / 4);

        using var text = new StringWriter();
        summary.Print(text);
        Assert.Contains($"{summary.Tasks} kept of {summary.Composed} composed", text.ToString());
    }

    [Fact]
    public void Every_schema_is_an_object_whose_properties_all_have_a_type()
    {
        var tools = DefaultUniverse.Value.Scenarios.SelectMany(s => s.Tools).ToList();
        Assert.Contains(tools, t => t.ParametersSchema.Contains("\"integer\"", StringComparison.Ordinal));
        foreach (var tool in tools)
        {
            using var doc = JsonDocument.Parse(tool.ParametersSchema);
            var root = doc.RootElement;
            Assert.Equal("object", root.GetProperty("type").GetString());
            var properties = root.GetProperty("properties").EnumerateObject().ToList();
            Assert.NotEmpty(properties);
            Assert.All(properties, p => Assert.Contains(p.Value.GetProperty("type").GetString(), new[] { "string", "integer" }));
            Assert.All(root.GetProperty("required").EnumerateArray(), r => Assert.Contains(properties, p => p.Name == r.GetString()));
            Assert.Matches("^[a-z]+(_[a-z]+)+$", tool.Name);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
        }
    }

    [Fact]
    public void Bad_options_are_refused_with_the_option_named()
    {
        Assert.Contains("ToolsPerScenario", Assert.Throws<ArgumentException>(() => ProceduralUniverse.Generate(new() { KindsPerScenario = 3, ToolsPerScenario = 7 })).Message);
        Assert.Contains("Scenarios", Assert.Throws<ArgumentException>(() => ProceduralUniverse.Generate(new() { Scenarios = 0 })).Message);
        Assert.Contains("EntitiesPerTool", Assert.Throws<ArgumentException>(() => ProceduralUniverse.Generate(new() { EntitiesPerTool = 1 })).Message);
    }
}
