using System.Text.Json;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Policies;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.Evaluation;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Rollouts;

public sealed class EpisodeTraceWriterTests
{
    [Fact]
    public async Task A_trace_holds_each_turns_calls_with_the_tool_outputs_the_policy_saw()
    {
        var env = new AtlasEnvironment();
        var task = new EpisodeTask(env, env.Tasks.Single(t => t.Id == "atlas/capital-France"));
        var policy = ScriptedPolicy.ByQuestion(new Dictionary<string, string[]>
        {
            ["What is the capital of France?"] =
            [
                "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"France\"}}\n</tool_call>\n" +
                "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"Atlantis\"}}\n</tool_call>",
                "It is Paris.",
            ],
        });
        var traces = await Evaluator.RunAsync(policy, PolicySampling.Greedy, [task]);
        using var dir = new TempDirectory();

        EpisodeTraceWriter.Write(dir["traces.jsonl"], traces);

        var line = Assert.Single(File.ReadAllLines(dir["traces.jsonl"]));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("atlas", root.GetProperty("environment").GetString());
        var turns = root.GetProperty("turns");
        Assert.Equal(2, turns.GetArrayLength());
        var calls = turns[0].GetProperty("calls");
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("get_capital", calls[0].GetProperty("name").GetString());
        Assert.Contains("France", calls[0].GetProperty("arguments").GetString());
        // The outputs are the tool messages of the conversation, word for word.
        var toolMessages = traces[0].Messages.Where(m => m.Role == ToolRL.Conversations.ChatRoles.Tool).Select(m => m.Content).ToArray();
        Assert.Equal(toolMessages, calls.EnumerateArray().Select(c => c.GetProperty("output").GetString()));
        Assert.Contains("Paris", calls[0].GetProperty("output").GetString());
        Assert.Equal("Ok", calls[0].GetProperty("outcome").GetString());
        Assert.True(calls[0].GetProperty("solved_sub_question").GetBoolean());
        Assert.NotEqual("Ok", calls[1].GetProperty("outcome").GetString());
        Assert.Equal(0, turns[1].GetProperty("calls").GetArrayLength());
    }
}
