using ToolRL.Episodes;
using ToolRL.Trainer.Rl.Rollouts;
using ToolRL.Trainer.Tests.Policies;

namespace ToolRL.Trainer.Tests.Rl.Rollouts;

public class RolloutCollectorTests
{
    // Calls every country named in the question on the first turn, then answers with the tool outputs.
    private static string Solver(Trainer.Policies.PolicyRequest r)
    {
        var toolOutputs = r.Messages.Where(m => m.Role == "tool").Select(m => m.Content).ToArray();
        if (toolOutputs.Length > 0)
            return "The answer: " + string.Join(", ", toolOutputs);
        var question = r.Messages.Last(m => m.Role == "user").Content!;
        return string.Concat(new[] { "France", "Japan", "Peru" }.Where(question.Contains).Select(ScriptedPolicy.Call));
    }

    [Fact]
    public async Task Episodes_call_tools_answer_and_record_every_step_with_the_paper_rewards()
    {
        var env = new CapitalsEnvironment();
        var policy = new ScriptedPolicy(Solver);
        var trajectories = await new RolloutCollector(env, policy, new RolloutOptions { SystemPrompt = "Use tools." }).RunAsync(env.Tasks);

        Assert.Equal(2, trajectories.Count);
        var b = trajectories[1];
        Assert.Equal("capitals/B", b.Task.Id);
        Assert.Equal(EpisodeEndReason.Answered, b.EndReason);
        Assert.Equal((2, 2, 2), (b.Metrics.Solved, b.Metrics.Calls, b.Metrics.SubQuestions));
        Assert.Equal(1.0, b.Metrics.SolveF1);

        // Turn 1: two calls solving two sub-questions → F1 variant 2·2/(2+1); turn 2: answer with u = 0 → 1/(1+0).
        Assert.Equal([2.0 * 2 / 3, 1.0], b.Steps.Select(s => s.Reward));
        var second = b.Steps[1];
        Assert.Equal(["system", "user", "assistant", "tool", "tool"], second.Prompt.Select(m => m.Role));
        Assert.Equal(["Tokyo", "Lima"], second.Prompt.Where(m => m.Role == "tool").Select(m => m.Content));
        Assert.Single(second.PriorTurns);
        Assert.Empty(second.Unsolved);
        Assert.Equal(1.0, second.SolveRate);
        Assert.Equal(0.0, b.Steps[0].SolveRate);
        Assert.Equal(2, b.Steps[0].Unsolved["get_capital"].Count);
        Assert.Equal(["system", "user", "assistant", "tool", "tool", "assistant"], b.Messages.Select(m => m.Role));
        Assert.Equal("assistant", b.Messages[^1].Role);

        // Both episodes ran side by side: one batch per turn, each with both conversations; sessions all closed.
        Assert.Equal([2, 2], policy.BatchSizes);
        Assert.Equal((2, 2), (env.Opened, env.Disposed));
    }

    [Fact]
    public async Task An_episode_that_never_answers_stops_at_the_turn_limit()
    {
        var env = new CapitalsEnvironment();
        var policy = new ScriptedPolicy(_ => ScriptedPolicy.Call("Atlantis"));
        var trajectories = await new RolloutCollector(env, policy, new RolloutOptions { MaxTurns = 3 }).RunAsync([env.Tasks[0]]);
        var t = Assert.Single(trajectories);
        Assert.Equal(EpisodeEndReason.MaxTurns, t.EndReason);
        Assert.Equal(3, t.Steps.Count);
        Assert.All(t.Steps, s => Assert.Equal(0.0, s.Reward));
        Assert.Contains("unknown country Atlantis", t.Messages.First(m => m.Role == "tool").Content);
        // Solve-P with 3 failed calls is 0; Solve-R 0.
        Assert.Equal((0.0, 0.0), (t.Metrics.SolveP, t.Metrics.SolveR));
    }

    [Fact]
    public async Task Replaying_a_record_scores_new_candidate_turns_from_its_state()
    {
        var env = new CapitalsEnvironment();
        var trajectories = await new RolloutCollector(env, new ScriptedPolicy(Solver)).RunAsync([env.Tasks[1]]);
        var record = trajectories[0].Steps[1];
        var task = env.Tasks[1];
        var options = new EpisodeOptions();

        async Task<double> Score(string text) => (await StepRewardReplay.ScoreAsync(
            env, task, record.PriorTurns, Parsing.ToolCallParser.ParseHermes(text), options)).Reward;

        Assert.Equal(1.0, await Score("Tokyo, Lima"));                  // gold answer with u = 0 → 1/(1+0)
        Assert.Equal(0.5, await Score("I am not sure."));               // no gold, but solve rate 1 → 0.5
        Assert.Equal(0.0, await Score(ScriptedPolicy.Call("Japan")));   // already solved: tmp = 0 → 0
        Assert.Equal(-0.5, await Score(""));                            // empty turn

        // At the first record (nothing solved), the answer alone is worth 1/(1+2).
        Assert.Equal(1.0 / 3, (await StepRewardReplay.ScoreAsync(env, task, [], Parsing.ToolCallParser.ParseHermes("Tokyo, Lima"), options)).Reward, 12);
    }
}
