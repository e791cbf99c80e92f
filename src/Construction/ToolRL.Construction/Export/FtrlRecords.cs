using ToolRL.Conversations;
using ToolRL.Trajectories;

namespace ToolRL.Construction.Export;

/// <summary>Builds the FTRL record of a task before its first turn: the RL prompt a dataset starts from.</summary>
public static class FtrlRecords
{
    /// <summary>
    /// The initial record: messages (an optional system prompt and the question), the tools, the implementation
    /// reference, the full unsolved set, solve_rate 0, and the final gold answer.
    /// </summary>
    public static StepRecord Initial(ExportItem item, string? systemPrompt = null)
    {
        var messages = new List<ChatMessage>(2);
        if (systemPrompt is not null)
            messages.Add(ChatMessage.System(systemPrompt));
        messages.Add(ChatMessage.User(item.Task.Question));
        var unsolved = item.Task.NewUnsolvedSet();
        return new StepRecord(item.Task.Id, item.Environment, messages, item.Tools, item.ToolImplementation,
            unsolved.Snapshot(), unsolved.Total == 0 ? 1.0 : 0.0, item.Task.FinalAnswer);
    }
}
