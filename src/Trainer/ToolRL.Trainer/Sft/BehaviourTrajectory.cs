using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Sft;

/// <summary>
/// Trajectories of an imperfect behaviour policy (issue 15's second design): a task's golden calls with at most one
/// realistic fault injected (<see cref="TrajectoryFault"/>), executed in a fresh session so every tool response is the
/// environment's real feedback. The fault of a task depends only on the seed and the task's id, so the data does not
/// change with the order or the selection of tasks. A malformed block repaired in the next turn cannot occur here: in
/// the paper's protocol a turn without a parsed call is the final answer and ends the episode.
/// </summary>
internal static class BehaviourTrajectory
{
    /// <summary>The fault the behaviour policy makes in <paramref name="task"/> (None when the drawn one cannot occur there).</summary>
    public static TrajectoryFault FaultOf(IToolEnvironment environment, EnvironmentTask task, BehaviourFaults faults, int seed)
    {
        var random = RandomFor(task, seed);
        double u = random.NextDouble();
        var fault = u < faults.RedundantCall ? TrajectoryFault.RedundantCall
            : u < faults.RedundantCall + faults.StopAfterFirstHop ? TrajectoryFault.StopAfterFirstHop
            : u < faults.RedundantCall + faults.StopAfterFirstHop + faults.WrongTool ? TrajectoryFault.WrongTool
            : TrajectoryFault.None;
        return fault switch
        {
            TrajectoryFault.StopAfterFirstHop when GoldenTrajectory.Levels(task).Count < 2 => TrajectoryFault.None,
            TrajectoryFault.WrongTool when environment.Tools.Count < 2 => TrajectoryFault.None,
            _ => fault,
        };
    }

    /// <summary>The behaviour policy's conversation for <paramref name="task"/> (user question first) and its fault.</summary>
    public static async Task<(IReadOnlyList<ChatMessage> Messages, TrajectoryFault Fault)> BuildAsync(
        IToolEnvironment environment, EnvironmentTask task, BehaviourFaults faults, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(faults);
        var fault = FaultOf(environment, task, faults, seed);
        if (fault == TrajectoryFault.None)
            return (await GoldenTrajectory.BuildAsync(environment, task, cancellationToken).ConfigureAwait(false), fault);
        var random = RandomFor(task, seed);
        random.NextDouble(); // the draw FaultOf used
        var levels = GoldenTrajectory.Levels(task);
        int faultLevel = random.Next(levels.Count);
        var messages = new List<ChatMessage> { ChatMessage.User(task.Question) };
        using var session = environment.OpenSession();

        async Task<string> Turn(IReadOnlyList<ToolCall> calls)
        {
            messages.Add(ChatMessage.Assistant(null, calls));
            string last = "";
            foreach (var call in calls)
            {
                last = (await session.ExecuteAsync(call, cancellationToken).ConfigureAwait(false)).Text;
                messages.Add(ChatMessage.Tool(call.Name, last));
            }
            return last;
        }

        for (int l = 0; l < levels.Count; l++)
        {
            var calls = levels[l].Select(q => new ToolCall(q.ToolName, q.ArgumentsJson)).ToArray();
            if (fault == TrajectoryFault.WrongTool && l == faultLevel)
            {
                int which = random.Next(calls.Length);
                var others = environment.Tools.Where(t => t.Name != calls[which].Name).ToArray();
                var wrong = calls.ToArray();
                wrong[which] = new ToolCall(others[random.Next(others.Length)].Name, calls[which].ArgumentsJson);
                await Turn(wrong).ConfigureAwait(false);
                await Turn([calls[which]]).ConfigureAwait(false); // the repair
                continue;
            }
            string last = await Turn(calls).ConfigureAwait(false);
            if (fault == TrajectoryFault.RedundantCall && l == faultLevel)
                await Turn([calls[random.Next(calls.Length)]]).ConfigureAwait(false);
            if (fault == TrajectoryFault.StopAfterFirstHop && l == 0)
            {
                messages.Add(ChatMessage.Assistant(last));
                return (messages, fault);
            }
        }
        messages.Add(ChatMessage.Assistant(GoldenTrajectory.FinalAnswerText(task.FinalAnswer)));
        return (messages, fault);
    }

    private static Random RandomFor(EnvironmentTask task, int seed) => new(unchecked((int)(ToolRL.Fnv.Of(task.Id) ^ (ulong)seed)));
}
