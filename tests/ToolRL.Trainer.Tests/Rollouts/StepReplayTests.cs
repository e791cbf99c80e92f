using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Tests.Policies;

namespace ToolRL.Trainer.Tests.Rollouts;

public class StepReplayTests
{
    private static async Task<double> Score(StepRecord record, string text, EpisodeOptions? options = null) =>
        (await StepReplay.ScoreAsync(record, ToolCallParser.ParseHermes(text), options ?? new EpisodeOptions())).Reward;

    [Fact]
    public async Task Replaying_a_record_scores_new_candidate_turns_from_its_state()
    {
        var env = new CapitalsEnvironment();
        var trace = Assert.Single(await new EpisodeRunner(new ScriptedPolicy(EpisodeRunnerTests.Solver)).RunAsync([new EpisodeTask(env, env.Tasks[1])]));
        var (first, second) = (trace.Steps[0], trace.Steps[1]);

        Assert.Equal(1.0, await Score(second, "Tokyo, Lima"));                  // gold answer with u = 0 → 1/(1+0)
        Assert.Equal(0.5, await Score(second, "I am not sure."));               // no gold, but solve rate 1 → 0.5
        Assert.Equal(0.0, await Score(second, ScriptedPolicy.Call("Japan")));   // already solved: tmp = 0 → 0
        Assert.Equal(-0.5, await Score(second, ""));                            // empty turn
        // At the first record (nothing solved), the answer alone is worth 1/(1+2).
        Assert.Equal(1.0 / 3, await Score(first, "Tokyo, Lima"), 12);
        // The turn taken, scored again at its own record, gets the reward the episode gave it.
        Assert.Equal(first.Reward, await Score(first, first.Taken.Text));
        Assert.Equal(second.Reward, await Score(second, second.Taken.Text));
    }

    [Fact]
    public async Task Replay_rebuilds_the_tools_state_in_a_fresh_session_for_every_candidate()
    {
        var env = new CounterEnvironment();
        var policy = new ScriptedPolicy(r => r.Messages.Count(m => m.Role == "tool") < 2 ? CounterEnvironment.Next : "2");
        var trace = Assert.Single(await new EpisodeRunner(policy).RunAsync([new EpisodeTask(env, env.Tasks[0])]));
        var (first, second) = (trace.Steps[0], trace.Steps[1]);
        Assert.Equal(0.0, first.Reward);   // "1" is not the answer "2"
        Assert.Equal(1.0, second.Reward);  // "2" solves 1 of 1 call: 2·1/(1+1)

        // At the second record the counter stands at 1, so `next` returns 2 and solves; again and again, one session each.
        Assert.Equal(1.0, await Score(second, CounterEnvironment.Next));
        Assert.Equal(1.0, await Score(second, CounterEnvironment.Next));
        Assert.Equal(0.0, await Score(first, CounterEnvironment.Next));

        // A record whose earlier turn had no calls cannot be reached: the episode would have ended there.
        var impossible = second with { PriorTurns = [ToolCallParser.ParseHermes("2")] };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Score(impossible, CounterEnvironment.Next));
        Assert.Contains("no tool calls", error.Message);
    }
}
