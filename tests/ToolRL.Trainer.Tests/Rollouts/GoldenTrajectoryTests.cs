using ToolRL.Conversations;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Tests.Fakes;

namespace ToolRL.Trainer.Tests.Rollouts;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

public sealed class GoldenTrajectoryTests
{
    private readonly AtlasEnvironment _env = new();

    [Fact]
    public async Task Parallel_calls_share_one_turn_and_tool_responses_come_from_the_environment()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/two-capitals-Peru");
        var messages = await GoldenTrajectory.BuildAsync(_env, task);

        Assert.Equal([ChatRoles.User, ChatRoles.Assistant, ChatRoles.Tool, ChatRoles.Tool, ChatRoles.Assistant], messages.Select(m => m.Role));
        Assert.Equal(["get_capital", "get_capital"], messages[1].ToolCalls!.Select(c => c.Name));
        Assert.Equal(["Lima", "Nairobi"], messages.Where(m => m.Role == ChatRoles.Tool).Select(m => m.Content));
        Assert.Contains(task.FinalAnswer, messages[^1].Content);
    }

    [Fact]
    public async Task A_chain_takes_one_turn_per_dependency_level()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-population-Japan");
        var messages = await GoldenTrajectory.BuildAsync(_env, task);

        Assert.Equal([ChatRoles.User, ChatRoles.Assistant, ChatRoles.Tool, ChatRoles.Assistant, ChatRoles.Tool, ChatRoles.Assistant], messages.Select(m => m.Role));
        Assert.Equal("get_capital", Assert.Single(messages[1].ToolCalls!).Name);
        Assert.Equal("get_population", Assert.Single(messages[3].ToolCalls!).Name);
        Assert.Equal("14 million", messages[4].Content);
        Assert.Equal("14 million", messages[^1].Content);
    }

    [Fact]
    public void A_dependency_on_a_later_call_is_rejected_with_the_task_named()
    {
        var task = _env.Tasks[0] with
        {
            Id = "bad",
            SubQuestions = [new ToolRL.Tasks.SubQuestion(0, "get_capital", "{}", [1], "x")],
        };
        var error = Assert.Throws<InvalidOperationException>(() => GoldenTrajectory.Levels(task));
        Assert.Contains("'bad'", error.Message);
    }
}
