using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Trainer.Rollouts;

/// <summary>
/// The golden multi-turn conversation of a task: the user question; one assistant turn per dependency level of
/// the golden call graph (calls whose dependencies are all answered go out together as parallel calls), each
/// followed by the real environment's tool responses; then a final assistant answer holding the task's FinalAnswer.
/// </summary>
public static class GoldenTrajectory
{
    /// <summary>The text of the final assistant turn for a gold answer.</summary>
    public static string FinalAnswerText(string finalAnswer) => finalAnswer;

    /// <summary>
    /// The sub-questions grouped by dependency level: level 0 has no dependencies, level k depends on a call of
    /// level k − 1 at most. Within a level the execution order is kept.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SubQuestion>> Levels(EnvironmentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var levelOf = new Dictionary<int, int>();
        foreach (var q in task.SubQuestions.OrderBy(q => q.Index))
        {
            int level = 0;
            foreach (int dep in q.DependsOn)
            {
                if (!levelOf.TryGetValue(dep, out int depLevel))
                    throw new InvalidOperationException(
                        $"Task '{task.Id}': sub-question {q.Index} depends on {dep}, which is not an earlier sub-question.");
                level = Math.Max(level, depLevel + 1);
            }
            levelOf[q.Index] = level;
        }
        return task.SubQuestions.OrderBy(q => q.Index)
            .GroupBy(q => levelOf[q.Index])
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<SubQuestion>)g.ToArray())
            .ToArray();
    }

    /// <summary>
    /// Replays the golden calls level by level in a fresh session of <paramref name="environment"/> and returns the
    /// conversation (user question first; no system message). Tool responses are the environment's real feedback.
    /// </summary>
    public static async Task<IReadOnlyList<ChatMessage>> BuildAsync(
        IToolEnvironment environment, EnvironmentTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(task);
        var messages = new List<ChatMessage> { ChatMessage.User(task.Question) };
        using var session = environment.OpenSession();
        foreach (var level in Levels(task))
        {
            var calls = level.Select(q => new ToolCall(q.ToolName, q.ArgumentsJson)).ToArray();
            messages.Add(ChatMessage.Assistant(null, calls));
            foreach (var call in calls)
            {
                var result = await session.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
                messages.Add(ChatMessage.Tool(call.Name, result.Text));
            }
        }
        messages.Add(ChatMessage.Assistant(FinalAnswerText(task.FinalAnswer)));
        return messages;
    }
}
