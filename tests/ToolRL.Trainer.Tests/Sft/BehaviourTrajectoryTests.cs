using ToolRL.Conversations;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Tests.Fakes;

namespace ToolRL.Trainer.Tests.Sft;

using FactAttribute = Xunit.FactAttribute;

public sealed class BehaviourTrajectoryTests
{
    private readonly AtlasEnvironment _env = new();

    private static BehaviourFaults Only(TrajectoryFault fault) => fault switch
    {
        TrajectoryFault.RedundantCall => new() { RedundantCall = 1, StopAfterFirstHop = 0, WrongTool = 0 },
        TrajectoryFault.StopAfterFirstHop => new() { RedundantCall = 0, StopAfterFirstHop = 1, WrongTool = 0 },
        TrajectoryFault.WrongTool => new() { RedundantCall = 0, StopAfterFirstHop = 0, WrongTool = 1 },
        _ => new() { RedundantCall = 0, StopAfterFirstHop = 0, WrongTool = 0 },
    };

    // ChatMessage compares its call list by reference: compare what the conversation says.
    private static string[] Render(IReadOnlyList<ChatMessage> messages) =>
        messages.Select(m => $"{m.Role}|{m.Content}|{string.Join(";", (m.ToolCalls ?? []).Select(c => c.Name + c.ArgumentsJson))}").ToArray();

    [Fact]
    public async Task No_faults_give_the_golden_trajectory()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-population-Japan");
        var (messages, fault) = await BehaviourTrajectory.BuildAsync(_env, task, Only(TrajectoryFault.None), seed: 1);
        Assert.Equal(TrajectoryFault.None, fault);
        Assert.Equal(Render(await GoldenTrajectory.BuildAsync(_env, task)), Render(messages));
    }

    [Fact]
    public async Task A_redundant_call_repeats_a_golden_call_in_its_own_turn_and_still_answers()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-Peru");
        var (messages, fault) = await BehaviourTrajectory.BuildAsync(_env, task, Only(TrajectoryFault.RedundantCall), seed: 1);
        Assert.Equal(TrajectoryFault.RedundantCall, fault);
        var calls = messages.Where(m => m.ToolCalls is { Count: > 0 }).Select(m => Assert.Single(m.ToolCalls!)).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal(calls[0], calls[1]);
        Assert.Equal("Lima", messages[^1].Content);
    }

    [Fact]
    public async Task Stopping_after_the_first_hop_answers_with_the_first_response()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-population-Japan");
        var (messages, fault) = await BehaviourTrajectory.BuildAsync(_env, task, Only(TrajectoryFault.StopAfterFirstHop), seed: 1);
        Assert.Equal(TrajectoryFault.StopAfterFirstHop, fault);
        Assert.Equal([ChatRoles.User, ChatRoles.Assistant, ChatRoles.Tool, ChatRoles.Assistant], messages.Select(m => m.Role));
        Assert.Equal("Tokyo", messages[^1].Content);
    }

    [Fact]
    public async Task Stopping_early_cannot_happen_in_a_one_hop_task_which_stays_golden()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/two-capitals-Peru");
        var (messages, fault) = await BehaviourTrajectory.BuildAsync(_env, task, Only(TrajectoryFault.StopAfterFirstHop), seed: 1);
        Assert.Equal(TrajectoryFault.None, fault);
        Assert.Equal(Render(await GoldenTrajectory.BuildAsync(_env, task)), Render(messages));
    }

    [Fact]
    public async Task A_wrong_tool_gets_the_environments_real_feedback_and_the_next_turn_makes_the_right_call()
    {
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-France");
        var (messages, fault) = await BehaviourTrajectory.BuildAsync(_env, task, Only(TrajectoryFault.WrongTool), seed: 1);
        Assert.Equal(TrajectoryFault.WrongTool, fault);
        var turns = messages.Where(m => m.ToolCalls is { Count: > 0 }).Select(m => Assert.Single(m.ToolCalls!)).ToArray();
        Assert.Equal(["get_population", "get_capital"], turns.Select(c => c.Name));
        Assert.Equal(turns[0].ArgumentsJson, turns[1].ArgumentsJson);
        var responses = messages.Where(m => m.Role == ChatRoles.Tool).Select(m => m.Content).ToArray();
        Assert.NotEqual("Paris", responses[0]);   // the population tool does not know a country
        Assert.Equal("Paris", responses[1]);
        Assert.Equal("Paris", messages[^1].Content);
    }

    [Fact]
    public void A_tasks_fault_depends_only_on_the_seed_and_its_id()
    {
        var faults = new BehaviourFaults { RedundantCall = 0.3, StopAfterFirstHop = 0.3, WrongTool = 0.3 };
        var first = _env.Tasks.Select(t => BehaviourTrajectory.FaultOf(_env, t, faults, 7)).ToArray();
        var reversed = _env.Tasks.Reverse().Select(t => BehaviourTrajectory.FaultOf(_env, t, faults, 7)).Reverse().ToArray();
        Assert.Equal(first, reversed);
        Assert.True(first.Distinct().Count() >= 2, "24 tasks at 90 % faults should not all draw the same");
        var otherSeed = _env.Tasks.Select(t => BehaviourTrajectory.FaultOf(_env, t, faults, 8)).ToArray();
        Assert.NotEqual(first, otherSeed);
    }

    [Xunit.Theory]
    [Xunit.InlineData(-0.1, 0, 0)]
    [Xunit.InlineData(0, 1.5, 0)]
    [Xunit.InlineData(0.5, 0.5, 0.5)]
    public void Shares_out_of_range_are_refused(double redundant, double stop, double wrong)
    {
        var faults = new BehaviourFaults { RedundantCall = redundant, StopAfterFirstHop = stop, WrongTool = wrong };
        Assert.Throws<ArgumentException>(faults.Validate);
    }
}
