using ToolRL.Construction.Composition;
using ToolRL.Construction.Toolsets;
using ToolRL.Environments;
using ToolRL.Rewards;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace Construction.Tests.Scenarios;

/// <summary>Runs golden calls through an environment session and scores them with the reference unsolved set.</summary>
internal static class GoldenRun
{
    /// <summary>Executes the task's (already rewritten) golden calls; returns the unsolved set after them.</summary>
    public static UnsolvedSet Solve(IToolEnvironment environment, EnvironmentTask task)
    {
        var unsolved = task.NewUnsolvedSet();
        using var session = environment.OpenSession();
        foreach (var q in task.SubQuestions)
        {
            var result = session.ExecuteAsync(new ToolCall(q.ToolName, q.ArgumentsJson)).AsTask().GetAwaiter().GetResult();
            Assert.True(result.IsOk, $"{task.Id}: {q.ToolName}{q.ArgumentsJson} failed: {result.Text}");
            unsolved.TrySolve(q.ToolName, result.Text);
        }
        return unsolved;
    }

    /// <summary>
    /// A wrong version of an original golden call: its first argument set to another known value whose output
    /// differs. Null when the domain has no such value.
    /// </summary>
    public static SubQuestion? Wrong(SubQuestion q, ValueDomains domains, Func<SubQuestion, string> output)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(q.ArgumentsJson);
        var first = doc.RootElement.EnumerateObject().First();
        foreach (var value in domains.For(q.ToolName, first.Name))
        {
            if (value.Json == first.Value.GetRawText())
                continue;
            var args = q.ArgumentsJson.Replace(first.Value.GetRawText(), value.Json, StringComparison.Ordinal);
            var candidate = q with { ArgumentsJson = args };
            var text = output(candidate);
            if (!AnswerVerifier.Verify(text, q.Answer))
                return candidate;
        }
        return null;
    }
}
