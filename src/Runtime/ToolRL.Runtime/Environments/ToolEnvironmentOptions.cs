namespace ToolRL.Environments;

/// <summary>Limits applied to every tool call of an environment.</summary>
public sealed record ToolEnvironmentOptions
{
    /// <summary>Per-call timeout; the reference uses 10 s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest arguments payload accepted, in UTF-16 chars; larger ones get error feedback unparsed.</summary>
    public int MaxArgumentsLength { get; init; } = 1 << 20;

    /// <summary>Longest tool output passed back to the model; longer output is cut with a marker.</summary>
    public int MaxOutputLength { get; init; } = 16 * 1024;

    /// <summary>
    /// The threads bounded calls run on (<see cref="ToolCallScheduler.Shared"/> by default); its counters are the
    /// abandoned-call metrics. Calls with an infinite <see cref="CallTimeout"/> run on the caller's thread instead.
    /// </summary>
    public ToolCallScheduler Scheduler { get; init; } = ToolCallScheduler.Shared;

    /// <summary>The defaults.</summary>
    public static ToolEnvironmentOptions Default { get; } = new();
}
