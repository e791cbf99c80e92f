using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Tests.Policies;

namespace ToolRL.Trainer.Tests.Rollouts;

public class EpisodeRunnerTests
{
    // Calls every country named in the question on the first turn, then answers with the tool outputs.
    internal static string Solver(PolicyRequest r)
    {
        var toolOutputs = r.Messages.Where(m => m.Role == "tool").Select(m => m.Content).ToArray();
        if (toolOutputs.Length > 0)
            return "The answer: " + string.Join(", ", toolOutputs);
        var question = r.Messages.Last(m => m.Role == "user").Content!;
        return string.Concat(new[] { "France", "Japan", "Peru" }.Where(question.Contains).Select(ScriptedPolicy.Call));
    }

    private static EpisodeTask[] All(IToolEnvironment env) => env.Tasks.Select(t => new EpisodeTask(env, t)).ToArray();

    [Fact]
    public async Task Episodes_call_tools_answer_and_record_every_step_with_the_paper_rewards()
    {
        var env = new CapitalsEnvironment();
        var policy = new ScriptedPolicy(Solver);
        var traces = await new EpisodeRunner(policy, new RolloutOptions { SystemPrompt = "Use tools." }).RunAsync(All(env));

        Assert.Equal(2, traces.Count);
        var b = traces[1];
        Assert.Equal("capitals/B", b.Task.Task.Id);
        Assert.Equal(EpisodeEndReason.Answered, b.EndReason);
        Assert.Equal((2, 2, 2), (b.Metrics.Solved, b.Metrics.Calls, b.Metrics.SubQuestions));
        Assert.Equal(1.0, b.Metrics.SolveF1);

        // Turn 1: two calls solving two sub-questions → F1 variant 2·2/(2+1); turn 2: answer with u = 0 → 1/(1+0).
        Assert.Equal([2.0 * 2 / 3, 1.0], b.Steps.Select(s => s.Reward));
        Assert.Equal([1, 2], b.Steps.Select(s => s.Turn));
        var second = b.Steps[1];
        Assert.Equal(["system", "user", "assistant", "tool", "tool"], second.Prompt.Select(m => m.Role));
        Assert.Equal(["Tokyo", "Lima"], second.Prompt.Where(m => m.Role == "tool").Select(m => m.Content));
        Assert.Single(second.PriorTurns);
        Assert.Empty(second.State.Unsolved);
        Assert.Equal(1.0, second.State.SolveRate);
        Assert.Equal(0.0, b.Steps[0].State.SolveRate);
        Assert.Equal(2, b.Steps[0].State.Unsolved["get_capital"].Count);
        Assert.Equal("Tokyo, Lima", second.State.FinalAnswer);
        Assert.Equal(["system", "user", "assistant", "tool", "tool", "assistant"], b.Messages.Select(m => m.Role));

        // Both episodes ran side by side: one batch per turn, each with both conversations; sessions all closed.
        Assert.Equal([2, 2], policy.BatchSizes);
        Assert.Equal((2, 2), (env.Opened, env.Disposed));
    }

    [Fact]
    public async Task Parallel_episodes_bounds_the_batch_and_every_chunk_closes_its_sessions()
    {
        var env = new CapitalsEnvironment();
        var policy = new ScriptedPolicy(Solver);
        var traces = await new EpisodeRunner(policy, new RolloutOptions { ParallelEpisodes = 1 }).RunAsync(All(env));

        Assert.Equal(["capitals/A", "capitals/B"], traces.Select(t => t.Task.Task.Id));
        Assert.Equal([1, 1, 1, 1], policy.BatchSizes);
        Assert.Equal((2, 2), (env.Opened, env.Disposed));
        Assert.Throws<ArgumentException>(() => new EpisodeRunner(policy, new RolloutOptions { ParallelEpisodes = 0 }));
    }

    [Fact]
    public async Task An_episode_that_never_answers_stops_at_the_turn_limit()
    {
        var env = new CapitalsEnvironment();
        var policy = new ScriptedPolicy(_ => ScriptedPolicy.Call("Atlantis"));
        var traces = await new EpisodeRunner(policy, new RolloutOptions { Episode = new EpisodeOptions { MaxTurns = 3 } }).RunAsync([All(env)[0]]);
        var t = Assert.Single(traces);
        Assert.Equal(EpisodeEndReason.MaxTurns, t.EndReason);
        Assert.Equal(3, t.Steps.Count);
        Assert.All(t.Steps, s => Assert.Equal(0.0, s.Reward));
        Assert.Contains("unknown country Atlantis", t.Messages.First(m => m.Role == "tool").Content);
        Assert.Equal((0.0, 0.0), (t.Metrics.SolveP, t.Metrics.SolveR));
    }

    [Fact]
    public async Task Each_episode_has_its_own_session_so_stateful_tools_never_leak_between_episodes()
    {
        var env = new CounterEnvironment();
        var policy = new ScriptedPolicy(r => r.Messages.Count(m => m.Role == ChatRoles.Tool) < 2 ? CounterEnvironment.Next : "2");
        var task = new EpisodeTask(env, env.Tasks[0]);

        // The same stateful task three times side by side: a shared session would count on to 6.
        var traces = await new EpisodeRunner(policy).RunAsync([task, task, task]);

        Assert.Equal([3, 3, 3], policy.BatchSizes);
        Assert.All(traces, t => Assert.Equal(["1", "2"], t.Messages.Where(m => m.Role == ChatRoles.Tool).Select(m => m.Content)));
        Assert.All(traces, t => Assert.Equal(1, t.Metrics.Solved));
    }

    [Fact]
    public async Task The_conversation_holds_the_parsed_turn_with_its_call_ids_and_tool_messages_answering_them()
    {
        var env = new CapitalsEnvironment();
        var policy = new IdentifiedCallsPolicy(Solver);
        var trace = Assert.Single(await new EpisodeRunner(policy).RunAsync([All(env)[1]]));

        var assistant = trace.Messages[1];
        Assert.Equal(ChatRoles.Assistant, assistant.Role);
        Assert.Equal(["call_1_0", "call_1_1"], assistant.ToolCalls!.Select(c => c.Id));
        var tools = trace.Messages.Where(m => m.Role == ChatRoles.Tool).ToArray();
        Assert.Equal(["call_1_0", "call_1_1"], tools.Select(m => m.ToolCallId));
        Assert.All(tools, m => Assert.Equal("get_capital", m.Name));
        // The assistant message is the parsed turn: its content, its calls, its reasoning.
        Assert.Equal(trace.Steps[0].Taken.ToMessage().Content, assistant.Content);
        Assert.Same(trace.Steps[0].Taken.Parsed.ToolCalls, assistant.ToolCalls);
    }
}

/// <summary>A scripted policy whose calls carry ids, as an API model's do: <c>call_{turn}_{index}</c>.</summary>
internal sealed class IdentifiedCallsPolicy(Func<PolicyRequest, string> script) : IPolicy
{
    public List<PolicyRequest> Requests { get; } = [];

    public string Name => "identified";

    public Task<IReadOnlyList<PolicyTurn>> NextTurnsAsync(IReadOnlyList<PolicyRequest> requests, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        Requests.AddRange(requests);
        IReadOnlyList<PolicyTurn> turns = requests.Select(r =>
        {
            var text = script(r);
            var parsed = Parsing.ToolCallParser.ParseHermes(text);
            var turn = r.Messages.Count(m => m.Role == ChatRoles.Assistant) + 1;
            return new PolicyTurn(text, parsed with { ToolCalls = parsed.ToolCalls.Select((c, i) => c with { Id = $"call_{turn}_{i}" }).ToArray() });
        }).ToArray();
        return Task.FromResult(turns);
    }
}
