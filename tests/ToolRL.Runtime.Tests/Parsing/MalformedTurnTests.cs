using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Runtime.Tests.Scenario;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>Each malformed text: its parse, each call's outcome and feedback, and the step reward.</summary>
public sealed class MalformedTurnTests
{
    private static readonly Lazy<ToolRL.Environments.ToolEnvironment<ITestTools>> Environment = new(() => TestEnvironments.Create());

    [Fact]
    public void The_table_has_at_least_thirty_malformed_texts()
    {
        var malformed = MalformedCases.All.Count(c => c.Outcomes.Any(o => o != Tools.ToolOutcome.Ok) || c.Reward < 0 || c.Calls.Length == 0);
        Assert.True(malformed >= 30, $"only {malformed} malformed cases");
        Assert.Equal(MalformedCases.All.Count, MalformedCases.All.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(MalformedCases.Ids), MemberType = typeof(MalformedCases))]
    public async Task Text_yields_the_defined_parse_feedback_and_reward(string id)
    {
        var expected = MalformedCases.Get(id);

        var parsed = ToolCallParser.ParseHermes(expected.Text);
        Assert.Equal(expected.Calls, parsed.ToolCalls.Select(c => c.Name));
        Assert.Equal(expected.Markup, parsed.HasToolCallMarkup);
        if (expected.Content is not null)
            Assert.Equal(expected.Content, parsed.Content);

        var env = Environment.Value;
        using var session = env.OpenSession();
        var episode = new Episode(env.Task(TestTasks.CapitalOfFrance), session);
        var outcome = await episode.StepAsync(parsed);

        Assert.Equal(expected.Outcomes, outcome.Calls.Select(c => c.Result.Outcome));
        for (var i = 0; i < expected.Feedback.Length; i++)
            Assert.Contains(expected.Feedback[i], outcome.Calls[i].Result.Text);
        Assert.Equal(expected.Reward, outcome.Reward, 12);
        Assert.Equal(expected.Calls.Length == 0, outcome.Ended);
        Assert.True(outcome.Calls.All(c => c.Result.Text.Length <= env.Options.MaxOutputLength + 100));
    }
}
