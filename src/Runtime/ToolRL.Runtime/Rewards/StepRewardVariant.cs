namespace ToolRL.Rewards;

/// <summary>
/// How a turn with tool calls is scored (<c>tmp</c> = sub-questions its calls solved, <c>n</c> = parsed calls).
/// </summary>
public enum StepRewardVariant
{
    /// <summary><c>2·tmp/(n+1)</c> — the paper's default.</summary>
    F1,
    /// <summary><c>tmp/n</c>.</summary>
    Precision,
    /// <summary><c>tmp</c>.</summary>
    Rate,
    /// <summary><c>tmp·tmp/n</c>.</summary>
    PR,
}
