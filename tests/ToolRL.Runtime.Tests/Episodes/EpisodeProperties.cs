using FsCheck.Xunit;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Runtime.Tests.Scenario;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Episodes;

/// <summary>Invariants of random episodes on the parallel multi-hop test task.</summary>
public sealed class EpisodeProperties
{
    private static readonly ToolEnvironment<ITestTools> Environment =
        TestEnvironments.Create(new ToolEnvironmentOptions { CallTimeout = Timeout.InfiniteTimeSpan });

    private static readonly ToolCall[] Pool =
    [
        new("get_capital", "{\"country\": \"France\"}"), new("get_capital", "{\"country\": \"Japan\"}"),
        new("get_capital", "{\"country\": \"Italy\"}"), new("get_weather", "{\"city\": \"Paris\"}"),
        new("get_weather", "{\"city\": \"Tokyo\"}"), new("get_weather", "{\"city\": \"Oslo\"}"),
        new("get_weather", "{\"country\": \"Paris\"}"), new("nope", "{}"), new("echo", "{\"text\": \"Paris Tokyo\"}"),
        new("get_capital", "{broken"),
    ];

    [Property(MaxTest = 200)]
    public bool Random_episodes_keep_every_invariant(int[][] turns)
    {
        using var session = Environment.OpenSession();
        var episode = new Episode(Environment.Task(TestTasks.WeatherInTwoCapitals), session);
        var k = episode.Unsolved.Total;
        var previousRemaining = k;
        foreach (var picks in turns ?? [])
        {
            if (episode.IsEnded)
                break;
            var calls = (picks ?? []).Take(6).Select(p => Pool[(p % Pool.Length + Pool.Length) % Pool.Length]).ToArray();
            var outcome = episode.StepAsync(ToolCallParser.FromOpenAi(null, calls)).AsTask().GetAwaiter().GetResult();
            var n = calls.Length;
            var solvedFlags = outcome.Calls.Count(c => c.SolvedSubQuestion);
            if (outcome.Solved != solvedFlags || outcome.Solved > n)
                return false; // at most one solve per call
            if (previousRemaining - episode.Unsolved.Remaining != outcome.Solved)
                return false;
            previousRemaining = episode.Unsolved.Remaining;
            var expected = n == 0 ? outcome.Reward : 2.0 * outcome.Solved / (n + 1);
            if (Math.Abs(outcome.Reward - expected) > 1e-12 || outcome.Reward < -0.5 || outcome.Reward >= 2)
                return false;
        }
        var m = episode.Metrics;
        return m.Solved <= Math.Min(m.SubQuestions, Math.Max(m.Calls, 0))
            && m.SolveP is >= 0 and <= 1 && m.SolveR is >= 0 and <= 1 && m.SolveF1 is >= 0 and <= 1
            && m.Solved + episode.Unsolved.Remaining == k;
    }
}
