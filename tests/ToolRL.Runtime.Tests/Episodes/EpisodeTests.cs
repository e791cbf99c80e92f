using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Rewards;
using ToolRL.Runtime.Tests.Scenario;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Episodes;

/// <summary>Worked episodes with hand-computed rewards and metrics.</summary>
public sealed class EpisodeTests
{
    private static string Call(string tool, string argument, string value) =>
        $"<tool_call>\n{{\"name\": \"{tool}\", \"arguments\": {{\"{argument}\": \"{value}\"}}}}\n</tool_call>\n";

    // Task "weather in the capitals of France and Japan": k = 4, gold Paris, Sunny 21 C, Tokyo, Rain 15 C.
    // Turn 1: three capitals, two of them gold (tmp = 2, n = 3). Turn 2: Paris's weather twice (tmp = 1, n = 2).
    // Turn 3: the final answer with one sub-question unsolved (u = 1): 1/(1+1).
    [Theory]
    [InlineData(StepRewardVariant.F1, 2.0 * 2 / 4, 2.0 * 1 / 3)]
    [InlineData(StepRewardVariant.Precision, 2.0 / 3, 1.0 / 2)]
    [InlineData(StepRewardVariant.Rate, 2.0, 1.0)]
    [InlineData(StepRewardVariant.PR, 4.0 / 3, 1.0 / 2)]
    public async Task Worked_parallel_multi_hop_episode(StepRewardVariant variant, double turn1, double turn2)
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.WeatherInTwoCapitals), session, new EpisodeOptions { RewardVariant = variant });

        var first = await episode.StepAsync(Call("get_capital", "country", "France") + Call("get_capital", "country", "Japan") + Call("get_capital", "country", "Italy"));
        Assert.Equal(turn1, first.Reward, 12);
        Assert.Equal(2, first.Solved);
        Assert.Equal([true, true, false], first.Calls.Select(c => c.SolvedSubQuestion));
        Assert.False(first.Ended);
        Assert.Equal(2, episode.Unsolved.Remaining);

        var second = await episode.StepAsync("Now the weather.\n" + Call("get_weather", "city", "Paris") + Call("get_weather", "city", "Paris"));
        Assert.Equal(turn2, second.Reward, 12);
        Assert.Equal([true, false], second.Calls.Select(c => c.SolvedSubQuestion));
        Assert.Equal(new Dictionary<string, IReadOnlyList<string>> { ["get_weather"] = ["Rain 15 C"] }, episode.Unsolved.Snapshot());

        var answer = await episode.StepAsync("It is sunny 21 C, rain 15 C.");
        Assert.Equal(0.5, answer.Reward, 12);
        Assert.True(answer.Ended);
        Assert.Equal(EpisodeEndReason.Answered, answer.EndReason);
        Assert.Equal(3, answer.Turn);

        Assert.Equal(new EpisodeMetrics(3, 5, 4), episode.Metrics);
        Assert.Equal(0.6, episode.Metrics.SolveP, 12);
        Assert.Equal(0.75, episode.Metrics.SolveR, 12);
        Assert.Equal(6.0 / 9, episode.Metrics.SolveF1, 12);
    }

    [Fact]
    public async Task Everything_solved_then_an_answer_without_the_gold_text_earns_half()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.CapitalOfFrance), session);
        Assert.Equal(1.0, (await episode.StepAsync(Call("get_capital", "country", "France"))).Reward, 12);
        Assert.Equal(StepReward.AllSolvedWithoutAnswer, (await episode.StepAsync("Done.")).Reward);
        Assert.Equal(new EpisodeMetrics(1, 1, 1), episode.Metrics);
    }

    [Fact]
    public async Task A_direct_answer_with_the_gold_text_and_no_calls_earns_one_over_one_plus_k()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.TwoCapitals), session);
        var outcome = await episode.StepAsync("Paris, Tokyo");
        Assert.Equal(1.0 / 3, outcome.Reward, 12);
        Assert.Equal(1.0, episode.Metrics.SolveP); // c = 0
        Assert.Equal(0.0, episode.Metrics.SolveR);
        Assert.Equal(0.0, episode.Metrics.SolveF1);
    }

    [Fact]
    public async Task The_turn_limit_ends_the_episode_and_further_turns_are_refused()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.TwoCapitals), session, new EpisodeOptions { MaxTurns = 2 });
        var first = await episode.StepAsync(Call("get_capital", "country", "Italy"));
        Assert.False(first.Ended);
        var second = await episode.StepAsync(Call("get_capital", "country", "Japan"));
        Assert.True(second.Ended);
        Assert.Equal(EpisodeEndReason.MaxTurns, second.EndReason);
        Assert.Equal(2.0 / 2, second.Reward, 12);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => episode.StepAsync("Paris").AsTask());
        Assert.Contains("test/TwoCapitals", ex.Message);
        Assert.Equal(new EpisodeMetrics(1, 2, 2), episode.Metrics);
    }

    [Fact]
    public async Task Failed_calls_count_as_calls_and_lower_precision()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.CapitalOfFrance), session);
        var outcome = await episode.StepAsync(ToolCallParser.FromOpenAi(null,
            [new ToolCall("get_capital", "{\"country\": \"France\"}", "c1"), new ToolCall("nope", "{}", "c2"), new ToolCall("get_capital", "not json", "c3")]));
        Assert.Equal([ToolOutcome.Ok, ToolOutcome.UnknownTool, ToolOutcome.InvalidArguments], outcome.Calls.Select(c => c.Result.Outcome));
        Assert.Equal(2.0 * 1 / 4, outcome.Reward, 12);
        Assert.Equal(new EpisodeMetrics(1, 3, 1), episode.Metrics);
        Assert.Equal(1.0 / 3, episode.Metrics.SolveP, 12);
    }

    [Theory]
    [InlineData(SolveRule.Reference, 1.0)] // as in the reference: Python's TypeError repeats the keyword, and it solves
    [InlineData(SolveRule.Strict, 0.0)]
    public async Task An_argument_named_like_the_gold_answer_solves_only_under_the_reference_rule(SolveRule rule, double reward)
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.CapitalOfFrance), session, new EpisodeOptions { SolveRule = rule });
        var outcome = await episode.StepAsync("<tool_call>{\"name\": \"get_capital\", \"arguments\": {\"Paris\": 1}}</tool_call>");
        Assert.Equal("an error occured when call get_capital: unexpected argument 'Paris'; the arguments are 'country'", outcome.Calls[0].Result.Text);
        Assert.Equal(reward, outcome.Reward, 12);
    }

    [Theory]
    [InlineData(SolveRule.Reference)]
    [InlineData(SolveRule.Strict)]
    public async Task Both_rules_metrics_are_tracked_whichever_scores_the_reward(SolveRule rule)
    {
        var env = TestEnvironments.Create();
        using var session = new EchoingErrorSession(); // an error text that echoes the gold answer, as Python's errors can
        var episode = new Episode(env.Task(TestTasks.CapitalOfFrance), session, new EpisodeOptions { SolveRule = rule });
        var outcome = await episode.StepAsync("<tool_call>{\"name\": \"get_capital\", \"arguments\": {\"country\": \"Paris\"}}</tool_call>");
        Assert.Equal(rule == SolveRule.Strict ? 0.0 : 1.0, outcome.Reward, 12);
        Assert.Equal(new EpisodeMetrics(1, 1, 1), episode.ReferenceMetrics);
        Assert.Equal(new EpisodeMetrics(0, 1, 1), episode.StrictMetrics);
        Assert.Equal(rule == SolveRule.Strict ? episode.StrictMetrics : episode.ReferenceMetrics, episode.Metrics);
    }

    private sealed class EchoingErrorSession : ToolRL.Environments.IToolSession
    {
        public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ToolResult(ToolOutcome.ToolError, ToolFeedback.Error(call.Name, "no such country: " + call.ArgumentsJson)));

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_structured_call_without_a_name_fails_as_an_unknown_tool()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.CapitalOfFrance), session);
        var outcome = await episode.StepAsync(new ParsedTurn("", null, [new ToolCall(null!, "{}", "c1")], false));
        Assert.Equal(ToolOutcome.UnknownTool, outcome.Calls[0].Result.Outcome);
        Assert.Equal(0.0, outcome.Reward);
    }

    [Fact]
    public void Invalid_turn_limit_is_rejected()
    {
        var env = TestEnvironments.Create();
        using var session = env.OpenSession();
        Assert.Throws<ArgumentException>(() => new Episode(env.Task(TestTasks.TwoCapitals), session, new EpisodeOptions { MaxTurns = 0 }));
    }
}
