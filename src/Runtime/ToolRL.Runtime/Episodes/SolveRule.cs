namespace ToolRL.Episodes;

/// <summary>Which call outputs may solve a sub-question.</summary>
public enum SolveRule
{
    /// <summary>
    /// The reference rule: every call's feedback text is checked, error texts included (FTRL's
    /// <c>compute_solve_*</c> runs <c>answer_verify</c> on whatever <c>get_feedback</c> returned). Use it for
    /// numbers comparable with the paper.
    /// </summary>
    Reference,

    /// <summary>
    /// Only a call that ran and returned a value (<see cref="Tools.ToolOutcome.Ok"/>) can solve. Error texts
    /// and no-record fallbacks echo what the model wrote, so under <see cref="Reference"/> a policy can earn
    /// reward by putting the gold answer into an argument; this rule closes that reward-hacking path.
    /// </summary>
    Strict,
}
