using ToolRL.Environments;
using ToolRL.Runtime.Tests.Scenario;
using ToolRL.Tasks;

namespace ToolRL.Runtime.Tests.Environments;

public sealed class ToolEnvironmentTests
{
    [Fact]
    public void Tasks_load_from_golden_runs_with_sub_answers_dependencies_and_final_answer()
    {
        var env = TestEnvironments.Create();
        var task = env.Task(TestTasks.WeatherInTwoCapitals);

        Assert.Equal("test", task.Scenario);
        Assert.Equal(TaskStructure.ParallelMultiHop, task.Structure);
        Assert.Equal(["Paris", "Sunny 21 C", "Tokyo", "Rain 15 C"], task.SubQuestions.Select(q => q.Answer));
        Assert.Equal(["{\"country\":\"France\"}", "{\"city\":\"Paris\"}", "{\"country\":\"Japan\"}", "{\"city\":\"Tokyo\"}"],
            task.SubQuestions.Select(q => q.ArgumentsJson));
        Assert.Equal([0], task.SubQuestions[1].DependsOn);
        Assert.Equal([2], task.SubQuestions[3].DependsOn);
        Assert.Equal("Sunny 21 C, Rain 15 C", task.FinalAnswer);
        Assert.Equal(TestTasks.All.Count, env.Tasks.Count);
    }

    [Fact]
    public void Tasks_load_lazily_once_each_on_a_fresh_implementation()
    {
        var created = 0;
        var env = new ToolEnvironment<ITestTools>(new TestScenario(), () => { created++; return new TestWorld(); });
        Assert.Equal(0, created);
        var tasks = env.Tasks;
        Assert.Equal(TestTasks.All.Count, created);
        Assert.Same(tasks, env.Tasks);
        // A shared cart would give a count above 1 for the stateful task.
        Assert.Equal("1", env.Task(TestTasks.FirstCartItem).SubQuestions[0].Answer);
    }

    [Fact]
    public void A_golden_run_with_calls_other_than_its_graph_names_the_task()
    {
        var wrong = new TaskDescriptor<ITestTools>("test/Wrong", "?",
            [new GoldenCallSpec(0, "get_weather", [])], t => t.GetCapital("France"));
        var env = new ToolEnvironment<ITestTools>(new TestScenario([wrong]), () => new TestWorld());
        var ex = Assert.Throws<TaskLoadException>(() => env.Tasks);
        Assert.Contains("Task 'test/Wrong'", ex.Message);
        Assert.Contains("[get_capital]", ex.Message);
        Assert.Contains("[get_weather]", ex.Message);
    }

    [Fact]
    public void A_golden_run_with_too_many_calls_names_the_task()
    {
        var wrong = new TaskDescriptor<ITestTools>("test/TooMany", "?",
            [new GoldenCallSpec(0, "get_capital", [])], t => t.GetCapital("France") + t.GetCapital("Japan"));
        var env = new ToolEnvironment<ITestTools>(new TestScenario([wrong]), () => new TestWorld());
        var ex = Assert.Throws<TaskLoadException>(() => env.Tasks);
        Assert.Contains("Task 'test/TooMany': the golden run made 2 call(s)", ex.Message);
    }

    [Fact]
    public void A_throwing_golden_solution_names_the_task_and_keeps_the_cause()
    {
        var failing = new TaskDescriptor<ITestTools>("test/Throws", "?",
            [new GoldenCallSpec(0, "fail", [])], t => t.Fail("no data"));
        var env = new ToolEnvironment<ITestTools>(new TestScenario([failing]), () => new TestWorld());
        var ex = Assert.Throws<TaskLoadException>(() => env.Tasks);
        Assert.StartsWith("Task 'test/Throws': its golden solution threw InvalidOperationException: no data", ex.Message);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void A_golden_call_without_a_record_fails_its_task_by_name_and_the_others_still_load()
    {
        // A facts tool's fallback used to become the gold answer; now it is an error for that task only.
        var missing = new TaskDescriptor<ITestTools>("test/NoRecord", "?",
            [new GoldenCallSpec(0, "get_capital", []), new GoldenCallSpec(1, "get_weather", [0])],
            t => t.GetWeather(t.GetCapital("France") == "Paris" ? throw new ToolRL.Tools.NoRecordException("No record found for get_weather(city=\"Paris\").") : "x"));
        var throws = new TaskDescriptor<ITestTools>("test/Throws", "?", [new GoldenCallSpec(0, "fail", [])], t => t.Fail("no data"));
        var env = new ToolEnvironment<ITestTools>(new TestScenario([TestTasks.CapitalOfFrance, missing, throws]), () => new TestWorld());
        var ex = Assert.Throws<TaskLoadException>(() => env.Tasks);
        Assert.Equal(["test/NoRecord", "test/Throws"], ex.Errors.Select(e => e.TaskId));
        Assert.StartsWith("Task 'test/NoRecord': its golden call 1 (get_weather) has no matching fact (No record found for get_weather(city=\"Paris\").)", ex.Errors[0].Message);
        Assert.Contains("2 tasks of scenario 'test' failed to load", ex.Message);
        Assert.Equal(["test/CapitalOfFrance"], ex.LoadedTasks.Select(t => t.Id));
    }

    [Fact]
    public void Empty_golden_outputs_are_allowed_here()
    {
        var empty = new TaskDescriptor<ITestTools>("test/Empty", "?",
            [new GoldenCallSpec(0, "list_cart", [])], t => t.ListCart());
        var env = new ToolEnvironment<ITestTools>(new TestScenario([empty]), () => new TestWorld());
        Assert.Equal("", env.Tasks[0].SubQuestions[0].Answer);
    }

    [Fact]
    public void Without_a_factory_the_local_implementation_is_used_or_a_clear_error_given()
    {
        var local = new ToolEnvironment<ITestTools>(new TestScenario(localImplementation: () => new TestWorld()));
        Assert.Equal("Paris", local.Task(TestTasks.CapitalOfFrance).SubQuestions[0].Answer);

        var ex = Assert.Throws<ArgumentException>(() => new ToolEnvironment<ITestTools>(new TestScenario()));
        Assert.Contains("Scenario 'test' has no generated local implementation", ex.Message);
    }

    [Fact]
    public void Invalid_limits_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => TestEnvironments.Create(new ToolEnvironmentOptions { MaxOutputLength = 0 }));
    }

    [Fact]
    public void The_environment_exposes_the_scenario_metadata()
    {
        var env = TestEnvironments.Create();
        Assert.Equal("test", env.Name);
        Assert.Equal(8, env.Tools.Count);
        Assert.True(env.HasTool("get_capital"));
        Assert.False(env.HasTool("GET_CAPITAL"));
    }
}
