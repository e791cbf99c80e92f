using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Integration;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Tools;

namespace Construction.Tests;

public sealed class IntegrationTests
{
    [Fact]
    public void Overlapping_tools_are_found_by_shape_and_wording()
    {
        var overlaps = ToolOverlapDetector.Detect(Toolset.Of(TestScenarios.Geo()));
        Assert.Equal(2, overlaps.Count);
        Assert.Equal(["get_capital", "get_currency"], overlaps[0].Tools);
        Assert.Equal(["get_population", "get_area"], overlaps[1].Tools);
        Assert.Contains("same parameters (city: string)", overlaps[1].Reason);
        // get_mayor has the same parameters as get_population but returns a string: no overlap.
        Assert.DoesNotContain(overlaps, o => o.Tools.Contains("get_mayor"));
        // A high threshold keeps only very similar tools.
        Assert.Empty(ToolOverlapDetector.Detect(Toolset.Of(TestScenarios.Geo()), threshold: 0.9));
    }

    [Fact]
    public void The_integrated_tool_has_an_operation_enum_and_replaces_its_members()
    {
        var integrated = FunctionIntegration.Integrate(Toolset.Of(TestScenarios.Geo()));
        Assert.Equal("geo+integrated", integrated.Name);
        Assert.Equal(["get_country_info", "get_city_info", "get_mayor", "get_birth_year", "get_weather"], integrated.Tools.Select(t => t.Name));
        var city = integrated.Tools.Single(t => t.Name == "get_city_info");
        Assert.Contains("\"enum\":[\"get_population\",\"get_area\"]", city.ParametersSchema);
        Assert.Contains("\"required\":[\"operation\",\"city\"]", city.ParametersSchema);
    }

    [Fact]
    public void Golden_calls_rewritten_for_the_integrated_tool_solve_every_task_and_wrong_operations_do_not()
    {
        var source = TestScenarios.Geo();
        var integrated = FunctionIntegration.Integrate(Toolset.Of(source));
        var tasks = Compose.Geo(each: 10);
        var environment = new ToolsetEnvironment(integrated, tasks);
        Assert.Contains(environment.Tasks, t => t.SubQuestions.Any(q => q.ToolName == "get_city_info"));
        foreach (var task in environment.Tasks)
        {
            Assert.Equal(1.0, GoldenRun.Solve(environment, task).SolveRate);
        }

        // Routing the other operation gives another answer, which the checker must not accept.
        var invoker = integrated.NewInvoker();
        var population = invoker.Invoke("get_city_info", """{"operation":"get_population","city":"Tokyo"}""");
        var area = invoker.Invoke("get_city_info", """{"operation":"get_area","city":"Tokyo"}""");
        Assert.Equal(source.NewInvoker().Invoke("get_population", """{"city":"Tokyo"}""").Text, population.Text);
        Assert.Equal(source.NewInvoker().Invoke("get_area", """{"city":"Tokyo"}""").Text, area.Text);
        var unsolved = new ToolRL.Rewards.UnsolvedSet([("get_city_info", population.Text)]);
        Assert.False(unsolved.TrySolve("get_city_info", area.Text));
        Assert.True(unsolved.TrySolve("get_city_info", population.Text));
    }

    [Fact]
    public void The_integrated_dispatcher_explains_bad_calls()
    {
        var invoker = FunctionIntegration.Integrate(Toolset.Of(TestScenarios.Geo())).NewInvoker();
        var missing = invoker.Invoke("get_city_info", """{"city":"Tokyo"}""");
        Assert.Equal(ToolOutcome.InvalidArguments, missing.Outcome);
        Assert.Contains("missing required argument 'operation'", missing.Text);
        var bad = invoker.Invoke("get_city_info", """{"operation":"get_mayor","city":"Tokyo"}""");
        Assert.Contains("one of get_population, get_area", bad.Text);
        var extra = invoker.Invoke("get_city_info", """{"operation":"get_area","city":"Tokyo","unit":"Celsius"}""");
        Assert.Contains("does not take argument 'unit'", extra.Text);
        Assert.Equal(ToolOutcome.UnknownTool, invoker.Invoke("get_population", """{"city":"Tokyo"}""").Outcome);
        Assert.True(invoker.Invoke("get_mayor", """{"city":"Tokyo"}""").IsOk);
    }

    [Fact]
    public void Merging_tools_with_conflicting_parameter_types_is_refused()
    {
        var a = (new ToolDefinition("a_x", "A.", """{"type":"object","properties":{"v":{"type":"string"}}}"""), new ToolSignature("a_x", "A", null, [new ToolParameter("v", "string", "string", true, "")], "string"));
        var b = (new ToolDefinition("b_x", "B.", """{"type":"object","properties":{"v":{"type":"integer"}}}"""), new ToolSignature("b_x", "B", null, [new ToolParameter("v", "int", "integer", true, "")], "string"));
        var e = Assert.Throws<ArgumentException>(() => MergedTool.Build("ab", "AB.", [a, b]));
        Assert.Contains("parameter 'v' is string in one and integer in 'b_x'", e.Message);
    }
}
