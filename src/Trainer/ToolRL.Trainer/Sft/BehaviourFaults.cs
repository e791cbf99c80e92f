using System.Globalization;

namespace ToolRL.Trainer.Sft;

/// <summary>A fault an imperfect behaviour policy makes in a task's trajectory (<see cref="BehaviourTrajectory"/>).</summary>
internal enum TrajectoryFault
{
    /// <summary>The golden trajectory, unchanged.</summary>
    None,

    /// <summary>One golden call is made again in the next turn, before the trajectory goes on: a redundant call.</summary>
    RedundantCall,

    /// <summary>The trajectory answers right after the first hop's responses, with the last response as the answer.</summary>
    StopAfterFirstHop,

    /// <summary>One golden call first goes to another, plausible tool of the environment (with the same arguments); the next turn makes the right call.</summary>
    WrongTool,
}

/// <summary>
/// How often each fault is injected, per task (the rest are golden). A fault that cannot occur in a task (stopping
/// early in a one-hop task, a wrong tool in a one-tool environment) leaves that task golden.
/// </summary>
internal sealed record BehaviourFaults
{
    /// <summary>Share of tasks with a redundant repeated call.</summary>
    public double RedundantCall { get; init; } = 0.2;

    /// <summary>Share of tasks that stop after the first hop.</summary>
    public double StopAfterFirstHop { get; init; } = 0.2;

    /// <summary>Share of tasks with a wrong but plausible tool, repaired in the next turn.</summary>
    public double WrongTool { get; init; } = 0.2;

    /// <summary>Throws <see cref="ArgumentException"/> when a share is outside [0, 1] or they sum to more than 1.</summary>
    public void Validate()
    {
        foreach (var (name, v) in new[] { (nameof(RedundantCall), RedundantCall), (nameof(StopAfterFirstHop), StopAfterFirstHop), (nameof(WrongTool), WrongTool) })
            if (!(v >= 0 && v <= 1)) throw new ArgumentException($"{name} must be in [0, 1] (got {v}).");
        if (RedundantCall + StopAfterFirstHop + WrongTool > 1 + 1e-9)
            throw new ArgumentException("The fault shares must sum to at most 1.");
    }

    /// <summary>The shares as text (settings, reports).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"redundant call {RedundantCall:P0}, stop after first hop {StopAfterFirstHop:P0}, wrong tool {WrongTool:P0}");
}
