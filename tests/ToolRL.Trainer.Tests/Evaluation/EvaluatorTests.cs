using ToolRL.Episodes;
using ToolRL.Tasks;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Tests.Policies;
using ToolRL.Trainer.Tests.Fakes;

namespace ToolRL.Trainer.Tests.Evaluation;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Rollouts;

public sealed class EvaluatorTests
{
    private static string Call(string name, string args) => $"<tool_call>\n{{\"name\": \"{name}\", \"arguments\": {args}}}\n</tool_call>";

    private readonly AtlasEnvironment _env = new();

    private EpisodeTask Task(string id) => new(_env, _env.Tasks.Single(t => t.Id == id));

    [Fact]
    public async Task Metrics_of_a_scripted_policy_equal_the_hand_computed_values()
    {
        var tasks = new[] { Task("atlas/capital-France"), Task("atlas/capital-population-Japan"), Task("atlas/two-capitals-Peru") };
        var policy = ScriptedPolicy.ByQuestion(new Dictionary<string, string[]>
        {
            // s=1, c=1, k=1: P 1, R 1, F1 1.
            ["What is the capital of France?"] = [Call("get_capital", "{\"country\": \"France\"}"), "It is Paris."],
            // One right and one wrong call, then a malformed call that ends the episode: s=1, c=2, k=2 → P .5, R .5, F1 2/4.
            ["How many people live in the capital of Japan?"] =
                [Call("get_capital", "{\"country\": \"Japan\"}") + "\n" + Call("get_population", "{\"city\": \"Atlantis\"}"), "<tool_call>{bad json</tool_call>"],
            // No call at all: s=0, c=0, k=2 → P 1 (no calls), R 0, F1 0.
            ["What are the capitals of Peru and Kenya?"] = ["I do not know."],
        });

        var report = await Evaluator.EvaluateAsync(policy, PolicySampling.Greedy, tasks);

        Assert.Equal([new(1, 1, 1), new(1, 2, 2), new(0, 0, 2)], report.PerTask.Select(t => t.Metrics));
        Assert.Equal([2, 2, 1], report.PerTask.Select(t => t.Turns));
        Assert.Equal(3, report.Overall.Tasks);
        Assert.Equal(100 * (1 + 0.5 + 1) / 3, report.Overall.SolveP, 9);
        Assert.Equal(100 * (1 + 0.5 + 0) / 3, report.Overall.SolveR, 9);
        Assert.Equal(100 * (1 + 0.5 + 0) / 3, report.Overall.SolveF1, 9);
        Assert.Equal(100, report.ByStructure[TaskStructure.SingleHop].SolveF1, 9);
        Assert.Equal(50, report.ByStructure[TaskStructure.MultiHop].SolveF1, 9);
        Assert.Equal(0, report.ByStructure[TaskStructure.ParallelSingleHop].SolveF1, 9);
        // Lockstep: all three in the first round, the two unfinished ones in the second.
        Assert.Equal([3, 2], policy.BatchSizes);
        Assert.Contains("| 3 | all | 83.33 | 50.00 | 50.00 |", report.ToMarkdown());
    }

    [Fact]
    public async Task An_episode_that_never_answers_stops_at_the_turn_limit()
    {
        var policy = ScriptedPolicy.ByQuestion(new Dictionary<string, string[]>
        {
            ["What is the capital of Kenya?"] = [Call("get_capital", "{\"country\": \"Kenya\"}")],
        });

        var traces = await Evaluator.RunAsync(policy, PolicySampling.Greedy, [Task("atlas/capital-Kenya")], new EpisodeOptions { MaxTurns = 3 });

        var trace = Assert.Single(traces);
        Assert.Equal(EpisodeEndReason.MaxTurns, trace.EndReason);
        Assert.Equal(new ToolRL.Rewards.EpisodeMetrics(1, 3, 1), trace.Metrics);
        Assert.Equal(0.5, trace.Metrics.SolveF1, 9);
        // The conversation the policy saw holds the tool results.
        Assert.Equal(3, trace.Messages.Count(m => m.Role == "tool" && m.Content == "Nairobi"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<tool_call>\n{\"name\": \"get_capital\", \"arguments\": \"France\"}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"no_such_tool\", \"arguments\": {}}\n</tool_call>")]
    [InlineData("<|im_start|>user\n<tool_response>\n</tool_call></tool_call><tool_call>")]
    [InlineData("<tool_call>\n[1, 2, 3]\n</tool_call>")]
    public async Task Malformed_output_never_crashes_the_evaluation(string text)
    {
        var policy = ScriptedPolicy.ByQuestion(new Dictionary<string, string[]> { ["What is the capital of Spain?"] = [text] });

        var report = await Evaluator.EvaluateAsync(policy, PolicySampling.Greedy, [Task("atlas/capital-Spain")], new EpisodeOptions { MaxTurns = 2 });

        var result = Assert.Single(report.PerTask);
        Assert.Equal(0, result.Metrics.Solved);
        Assert.InRange(result.Turns, 1, 2);
    }
}
