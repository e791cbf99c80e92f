using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Tests.Fakes;

namespace ToolRL.Trainer.Tests.Rollouts;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

public class PromptSourceTests
{
    // Every field of a message, calls included, so that two conversations compare by value.
    private static string Shape(ChatMessage m) =>
        $"{m.Role}|{m.Content}|{m.ToolCallId}|{m.Name}|{m.Reasoning}|" + string.Join(";", (m.ToolCalls ?? []).Select(c => $"{c.Id}:{c.Name}:{c.ArgumentsJson}"));

    private static string[] Shapes(IEnumerable<ChatMessage> messages) => messages.Select(Shape).ToArray();

    [Fact]
    public async Task The_rl_prompt_built_from_an_episode_is_the_conversation_the_evaluation_episode_saw()
    {
        var env = new CapitalsEnvironment();
        var tasks = env.Tasks.Select(t => new EpisodeTask(env, t)).ToArray();
        var evaluated = new IdentifiedCallsPolicy(EpisodeRunnerTests.Solver);
        await Evaluator.RunAsync(evaluated, PolicySampling.Greedy, tasks);

        var episodes = await new PolicyEpisodes(new IdentifiedCallsPolicy(EpisodeRunnerTests.Solver), new RolloutOptions())
            .EpisodesAsync(tasks, seed: 1);
        var prompts = episodes.SelectMany(e => e.Steps).Select(s => s.Request).ToArray();

        // Eval asked for 4 turns (2 episodes × 2), and each RL prompt is one of them, message for message, ids included.
        Assert.Equal(4, evaluated.Requests.Count);
        Assert.Equal(evaluated.Requests.Select(r => Shapes(r.Messages)).OrderBy(string.Concat), prompts.Select(p => Shapes(p.Messages)).OrderBy(string.Concat));
        Assert.Contains(prompts, p => p.Messages.Any(m => m.ToolCallId == "call_1_1"));
        Assert.All(prompts, p => Assert.Same(env.Tools, p.Tools));
    }

    [Fact]
    public async Task Golden_records_have_the_golden_prompts_and_their_rewards_follow_the_paper_rules()
    {
        var env = new AtlasEnvironment();
        var task = new EpisodeTask(env, env.Tasks.Single(t => t.Id == "atlas/capital-population-Italy"));
        var golden = await GoldenTrajectory.BuildAsync(env, task.Task);
        var options = new EpisodeOptions { MaxTurns = 1 }; // a recorded conversation is taken whole, whatever the limit

        var trace = Assert.Single(await RecordedConversations.Golden(options).EpisodesAsync([task], seed: 0));

        Assert.Equal(3, trace.Steps.Count);
        Assert.Equal((2, 2, 2), (trace.Metrics.Solved, trace.Metrics.Calls, trace.Metrics.SubQuestions));
        var assistantAt = Enumerable.Range(0, golden.Count).Where(i => golden[i].Role == ChatRoles.Assistant).ToArray();
        Assert.All(trace.Steps.Zip(assistantAt), p => Assert.Equal(Shapes(golden.Take(p.Second)), Shapes(p.First.Prompt)));
        Assert.Equal([1.0, 1.0, 1.0], trace.Steps.Select(s => s.Reward));

        async Task<double> Score(StepRecord record, string text) => (await StepReplay.ScoreAsync(record, ToolCallParser.ParseHermes(text), options)).Reward;
        // Second turn: the capital is known; the right population call solves 1 of 1 call: F1 reward 2·1/(1+1).
        Assert.Equal(1.0, await Score(trace.Steps[1], "<tool_call>\n{\"name\": \"get_population\", \"arguments\": {\"city\": \"Rome\"}}\n</tool_call>"), 9);
        Assert.Equal(0.0, await Score(trace.Steps[1], "<tool_call>\n{\"name\": \"get_population\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>"), 9);
        // Last turn: everything solved; the gold answer gives 1/(1+0), a wrong answer 0.5 (solve rate 1).
        Assert.Equal(1.0, await Score(trace.Steps[2], "About 2.8 million."), 9);
        Assert.Equal(0.5, await Score(trace.Steps[2], "Many."), 9);
    }

    [Fact]
    public async Task A_recorded_conversation_that_goes_on_after_its_answer_is_refused()
    {
        var env = new AtlasEnvironment();
        var task = new EpisodeTask(env, env.Tasks.Single(t => t.Id == "atlas/capital-France"));
        IReadOnlyList<ChatMessage> conversation = [ChatMessage.User(task.Task.Question), ChatMessage.Assistant("Paris."), ChatMessage.Assistant("Paris!")];

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => new RecordedConversations((_, _) => Task.FromResult(conversation), new EpisodeOptions()).EpisodesAsync([task], seed: 0));
        Assert.Contains("atlas/capital-France", error.Message);
    }
}
