using ToolRL.Episodes;
using ToolRL.Runtime.Tests.Scenario;

namespace ToolRL.Runtime.Tests.Episodes;

public sealed class StepScorerTests
{
    private static string Call(string tool, string argument, string value) =>
        $"<tool_call>\n{{\"name\": \"{tool}\", \"arguments\": {{\"{argument}\": \"{value}\"}}}}\n</tool_call>\n";

    [Fact]
    public async Task Scoring_at_a_recorded_state_equals_the_episode_at_that_state()
    {
        var env = TestEnvironments.Create();
        var task = env.Task(TestTasks.WeatherInTwoCapitals);
        using var episodeSession = env.OpenSession();
        var episode = new Episode(task, episodeSession);
        await episode.StepAsync(Call("get_capital", "country", "France"));
        // The record after turn 1: Paris solved (1 of 4).
        var state = new RecordedState(episode.Unsolved.Snapshot(), episode.Unsolved.SolveRate, task.FinalAnswer);
        Assert.Equal(0.25, state.SolveRate);

        string[] candidates = [Call("get_weather", "city", "Paris") + Call("get_capital", "country", "Japan"), Call("get_capital", "country", "France"),
            "It is Sunny 21 C, Rain 15 C.", "", "<tool_call>{broken"];
        foreach (var candidate in candidates)
        {
            using var scoreSession = env.OpenSession();
            var score = await StepScorer.ScoreAsync(scoreSession, state, candidate);
            using var replaySession = env.OpenSession();
            var replay = new Episode(task, replaySession);
            await replay.StepAsync(Call("get_capital", "country", "France"));
            var outcome = await replay.StepAsync(candidate);
            Assert.Equal(outcome.Reward, score.Reward, 12);
            Assert.Equal(outcome.Solved, score.Solved);
            Assert.Equal(outcome.Calls.Select(c => c.Result), score.Calls.Select(c => c.Result));
        }
    }

    [Theory]
    [InlineData(SolveRule.Reference, 1.0)] // as in the reference: the error text repeats the keyword, and it solves
    [InlineData(SolveRule.Strict, 0.0)]
    public async Task The_scorer_solves_by_the_options_rule_only(SolveRule rule, double reward)
    {
        var env = TestEnvironments.Create();
        var state = RecordedState.Start(env.Task(TestTasks.CapitalOfFrance));
        using var session = env.OpenSession();
        var score = await StepScorer.ScoreAsync(session, state, "<tool_call>{\"name\": \"get_capital\", \"arguments\": {\"Paris\": 1}}</tool_call>",
            new EpisodeOptions { SolveRule = rule });
        Assert.Equal(reward, score.Reward, 12);
        Assert.Equal(reward == 1.0, score.Calls[0].SolvedSubQuestion);
    }

    [Fact]
    public async Task Scoring_a_solving_turn_leaves_the_recorded_state_as_it_was()
    {
        var env = TestEnvironments.Create();
        var state = RecordedState.Start(env.Task(TestTasks.CapitalOfFrance));
        for (var i = 0; i < 2; i++)
        {
            using var session = env.OpenSession();
            var score = await StepScorer.ScoreAsync(session, state, Call("get_capital", "country", "France"));
            Assert.Equal((1.0, 1), (score.Reward, score.Solved));
        }
        Assert.Equal(1, state.UnsolvedCount);
    }

    [Theory]
    [InlineData(SolveRule.Reference)]
    [InlineData(SolveRule.Strict)]
    public async Task A_sub_question_one_call_solved_is_not_solved_again_by_the_next_call_of_the_turn(SolveRule rule)
    {
        var env = TestEnvironments.Create();
        var task = env.Task(TestTasks.CapitalOfFrance);
        var options = new EpisodeOptions { SolveRule = rule };
        var turn = Call("get_capital", "country", "France") + Call("get_capital", "country", "France");
        using var session = env.OpenSession();
        var score = await StepScorer.ScoreAsync(session, RecordedState.Start(task), turn, options);
        Assert.Equal(1, score.Solved);
        Assert.Equal([true, false], score.Calls.Select(c => c.SolvedSubQuestion));
        using var episodeSession = env.OpenSession();
        var outcome = await new Episode(task, episodeSession, options).StepAsync(turn);
        Assert.Equal(outcome.Reward, score.Reward, 12);
    }

    [Fact]
    public void The_start_state_has_every_sub_question()
    {
        var task = TestEnvironments.Create().Task(TestTasks.WeatherInTwoCapitals);
        var state = RecordedState.Start(task);
        Assert.Equal(4, state.UnsolvedCount);
        Assert.Equal(0.0, state.SolveRate);
        Assert.Equal(["Paris", "Tokyo"], state.Unsolved["get_capital"]);
    }
}
