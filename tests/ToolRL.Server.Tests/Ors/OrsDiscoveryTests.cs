using ToolRL.Server.Tests.Support;
using ToolRL.Tasks;

namespace ToolRL.Server.Tests.Ors;

/// <summary>The ORS discovery endpoints over a real loopback socket.</summary>
public sealed class OrsDiscoveryTests
{
    [Fact]
    public async Task Health_environments_tools_splits_and_tasks_are_listed()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions());
        Assert.Equal("ok", (await server.GetOkAsync("/health")).GetProperty("status").GetString());
        var environments = (await server.GetOkAsync("/list_environments")).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["test", "crash"], environments);

        var tools = (await server.GetOkAsync("/test/tools")).GetProperty("tools").EnumerateArray().ToArray();
        var capital = tools.Single(t => t.GetProperty("name").GetString() == "get_capital");
        Assert.Equal("object", capital.GetProperty("input_schema").GetProperty("type").GetString());
        Assert.Equal("Returns the capital city of a country.", capital.GetProperty("description").GetString());
        Assert.Contains(tools, t => t.GetProperty("name").GetString() == "submit_answer");

        var splits = (await server.GetOkAsync("/test/splits")).EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["train", "test"], splits);

        var train = (await server.PostOkAsync("/test/tasks", """{"split": "train"}""")).GetProperty("tasks").EnumerateArray().ToArray();
        var test = (await server.PostOkAsync("/test/tasks", """{"split": "test"}""")).GetProperty("tasks").EnumerateArray().ToArray();
        var all = ServedTestEnvironments.Test.Tasks.Select(t => t.Id).Order().ToArray();
        Assert.Equal(all, train.Concat(test).Select(t => t.GetProperty("id").GetString()!).Order().ToArray());
        Assert.NotEmpty(train);
        Assert.Equal(train.Length, (await server.PostOkAsync("/test/num_tasks", """{"split": "train"}""")).GetProperty("num_tasks").GetInt32());
        var first = (await server.PostOkAsync("/test/task", """{"split": "train", "index": 0}""")).GetProperty("task");
        Assert.Equal(train[0].GetProperty("id").GetString(), first.GetProperty("id").GetString());
        var range = (await server.PostOkAsync("/test/task_range", """{"split": "train", "start": -2}""")).GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(train[^2..].Select(t => t.GetProperty("id").GetString()), range.Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_test_split_is_exactly_what_training_holds_out()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions());
        // The training commands' rule at their defaults (seed 1, 30 % held out), by question.
        var rule = new TaskSplit(TaskSplit.DefaultHeldOutFraction, TaskSplit.DefaultSeed);
        var heldOut = ServedTestEnvironments.Test.Tasks.Where(rule.IsHeldOut).Select(t => t.Id).Order().ToArray();
        var test = (await server.PostOkAsync("/test/tasks", """{"split": "test"}""")).GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(heldOut, test.Select(t => t.GetProperty("id").GetString()!).Order().ToArray());
        Assert.All(test, t => Assert.Equal("test", t.GetProperty("split").GetString()));
        var train = (await server.PostOkAsync("/test/tasks", """{"split": "train"}""")).GetProperty("tasks").EnumerateArray().ToArray();
        Assert.All(train, t => Assert.Equal("train", t.GetProperty("split").GetString()));
    }
}
