using GeneratorTests.Infrastructure;
using ToolRL.Tasks;

namespace GeneratorTests.Behaviour;

/// <summary>Task descriptors: ids, the call graph derived at compile time, the four structures, Solve through the recorder.</summary>
public class TaskTests
{
    private static readonly Lazy<Loaded> Travel = new(() => Loaded.Compile("Travel.Probe", [Specs.Travel, Specs.TravelWorld]));

    private static IReadOnlyList<(string Id, string Question, TaskStructure Structure, IReadOnlyList<GoldenCallSpec> Calls)> Tasks =>
        Travel.Value.Get<IReadOnlyList<(string, string, TaskStructure, IReadOnlyList<GoldenCallSpec>)>>("Tasks");

    private static (string Id, string Question, TaskStructure Structure, IReadOnlyList<GoldenCallSpec> Calls) Task(string id) =>
        Tasks.Single(t => t.Id == id);

    private static string Graph(IReadOnlyList<GoldenCallSpec> calls) =>
        string.Join(" ", calls.Select(c => $"{c.Index}:{c.ToolName}<[{string.Join(",", c.DependsOn)}]"));

    [Fact]
    public void Every_task_method_of_the_scenario_becomes_a_descriptor_with_a_stable_id()
    {
        Assert.Equal(
            ["travel/TravelTasks.Capital", "travel/TravelTasks.Capitals", "travel/TravelTasks.Populations", "travel/TravelTasks.WeatherInCapital"],
            Tasks.Select(t => t.Id));
        Assert.Equal("What is the capital of Japan?", Task("travel/TravelTasks.Capital").Question);
    }

    [Theory]
    [InlineData("travel/TravelTasks.Capital", TaskStructure.SingleHop, "0:get_capital<[]")]
    [InlineData("travel/TravelTasks.Capitals", TaskStructure.ParallelSingleHop, "0:get_capital<[] 1:get_capital<[]")]
    [InlineData("travel/TravelTasks.WeatherInCapital", TaskStructure.MultiHop, "0:get_capital<[] 1:get_forecast<[0]")]
    [InlineData("travel/TravelTasks.Populations", TaskStructure.ParallelMultiHop, "0:get_capital<[] 1:get_capital<[] 2:city_population<[0] 3:city_population<[1]")]
    public void The_call_graph_and_structure_are_derived_from_the_body(string id, TaskStructure structure, string graph)
    {
        var task = Task(id);
        Assert.Equal(structure, task.Structure);
        Assert.Equal(graph, Graph(task.Calls));
        Assert.Equal(TaskStructures.Classify(task.Calls), task.Structure);
    }

    [Theory]
    [InlineData("travel/TravelTasks.Capital", "Tokyo")]
    [InlineData("travel/TravelTasks.Capitals", "Paris, Rome")]
    [InlineData("travel/TravelTasks.WeatherInCapital", """{"city":"Tokyo","date":"2025-05-01","high":21.5,"unit":"Celsius"}""")]
    [InlineData("travel/TravelTasks.Populations", "9, 6")]
    public void Solve_renders_the_answer_and_records_each_golden_call_in_order(string id, string answer)
    {
        var (actual, recorded) = Travel.Value.Call<(string, IReadOnlyList<RecordedCall>)>("Solve", id);
        Assert.Equal(answer, actual);
        Assert.Equal(Task(id).Calls.Select(c => c.ToolName), recorded.Select(c => c.ToolName));
    }

    [Fact]
    public void The_recorder_writes_arguments_as_json_including_defaults_and_renders_outputs()
    {
        var (_, recorded) = Travel.Value.Call<(string, IReadOnlyList<RecordedCall>)>("Solve", "travel/TravelTasks.WeatherInCapital");
        Assert.Equal(
            [
                new RecordedCall("get_capital", """{"country":"Japan"}""", "Tokyo"),
                new RecordedCall("get_forecast", """{"city":"Tokyo","date":"2025-05-01","unit":"Celsius"}""", """{"city":"Tokyo","date":"2025-05-01","high":21.5,"unit":"Celsius"}"""),
            ],
            recorded);
    }

    [Fact]
    public void Scenarios_with_an_author_implementation_have_no_local_implementation()
    {
        Assert.False(Travel.Value.Get<bool>("HasLocalImplementation"));
    }

    [Fact]
    public void Tuples_lists_keyword_parameters_and_the_global_namespace_compile_and_run()
    {
        const string world = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using ToolRL.Tasks;
            using ToolRL.Tools;

            internal sealed class Counter : ICounter
            {
                public int Count() => 3;
                public bool HasClass(string @class, string? @event) => @class == "a";
                public List<int> Counts(string[] classes) => classes.Select(c => c.Length * 10).ToList();
            }

            public static class MinimalProbe
            {
                public static string Answers()
                {
                    var recorder = new GoldenRecorder();
                    var tools = CounterScenario.Instance.CreateRecorder(new Counter(), recorder);
                    var answers = CounterScenario.Instance.Tasks.Select(t => t.Id + "=" + t.Solve(tools) + "/" + t.Structure);
                    return string.Join(" | ", answers) + " | " + string.Join(" ", recorder.Calls.Select(c => c.ToolName + c.ArgumentsJson + "=" + c.Output));
                }

                public static string Invoke(string tool, string json)
                {
                    using var document = JsonDocument.Parse(json);
                    return CounterScenario.Instance.Invoke(new Counter(), tool, document.RootElement, default).Text;
                }
            }
            """;
        var loaded = Loaded.Compile("MinimalProbe", [Specs.Minimal, world]);
        Assert.Equal(
            "minimal/CounterTasks.Both=10, 10/SingleHop | minimal/CounterTasks.CountAndClass=3, true/ParallelSingleHop | "
            + "counts{\"classes\":[\"a\",\"b\"]}=[10,10] count{}=3 has-class{\"class\":\"a\",\"event\":null}=true",
            loaded.Call<string>("Answers"));
        Assert.Equal("true", loaded.Call<string>("Invoke", "has-class", """{"class":"a"}"""));
        Assert.Equal("an error occured when call count: unexpected argument 'x'; this tool takes no arguments", loaded.Call<string>("Invoke", "count", """{"x":1}"""));
    }
}
