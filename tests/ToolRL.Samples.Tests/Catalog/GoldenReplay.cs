using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Catalog;

/// <summary>Replays a task's golden calls through a fresh session of its environment, as a model would make them.</summary>
internal static class GoldenReplay
{
    /// <summary>Runs the first <paramref name="count"/> golden calls in order and returns their results.</summary>
    public static async Task<List<ToolResult>> RunAsync(IToolSession session, EnvironmentTask task, int count)
    {
        var results = new List<ToolResult>();
        foreach (var question in task.SubQuestions.Take(count))
            results.Add(await session.ExecuteAsync(new ToolCall(question.ToolName, question.ArgumentsJson)));
        return results;
    }

    public static IToolEnvironment EnvironmentOf(EnvironmentTask task) =>
        ToolRL.Samples.Catalog.SampleEnvironments.All.Single(e => e.Name == task.Scenario);
}
