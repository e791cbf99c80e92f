namespace ToolRL.Trainer.Runs;

/// <summary>
/// The one place that names what runs log: the phases of <c>metrics.jsonl</c> records (TensorBoard tags are
/// <c>phase/name</c>) and the metrics in them. Every run, embedded or <c>--model</c>, logs under these names, so
/// reports, plots and comparisons read any run folder the same way.
/// </summary>
internal static class MetricNames
{
    /// <summary>SFT steps on the golden conversations without the tool block (the embedded job's first stage).</summary>
    public const string SftShortPhase = "sft_short";
    /// <summary>SFT steps.</summary>
    public const string SftPhase = "sft";
    /// <summary>RL steps (one policy update each).</summary>
    public const string RlPhase = "rl";
    /// <summary>Held-out evaluations; the step is that of the evaluated phase's loop (0: before its first step, e.g. the
    /// embedded job's evaluation after SFT, before RL).</summary>
    public const string EvalPhase = "eval";

    /// <summary>SFT: mean token cross-entropy of the step's batch, before its update.</summary>
    public const string Loss = "loss";
    /// <summary>SFT: the step's learning rate (from the schedule).</summary>
    public const string LearningRate = "lr";
    /// <summary>SFT: tokens of the step's batch (context included).</summary>
    public const string Tokens = "tokens";
    /// <summary>SFT: assistant tokens trained on in the step's batch.</summary>
    public const string TargetTokens = "target_tokens";

    /// <summary>RL: mean reward of the step's samples.</summary>
    public const string RewardMean = "reward_mean";
    /// <summary>RL: KL to the reference policy.</summary>
    public const string Kl = "kl";
    /// <summary>RL: mean token entropy of the responses.</summary>
    public const string Entropy = "entropy";
    /// <summary>RL: the policy-gradient loss.</summary>
    public const string PolicyLoss = "pg_loss";
    /// <summary>RL: the policy-gradient loss plus the KL and entropy terms.</summary>
    public const string TotalLoss = "total_loss";
    /// <summary>RL: fraction of tokens whose ratio was clipped.</summary>
    public const string ClipFraction = "clip_fraction";
    /// <summary>SFT and RL: gradient norm before clipping.</summary>
    public const string GradNorm = "grad_norm";
    /// <summary>SFT and RL: update throughput (tokens per second).</summary>
    public const string TokensPerSecond = "tokens_per_s";
    /// <summary>RL: response tokens in the update.</summary>
    public const string ResponseTokens = "response_tokens";
    /// <summary>RL: step records used as prompts.</summary>
    public const string Records = "records";
    /// <summary>RL: Solve-P of the step's own rollouts (training tasks).</summary>
    public const string RolloutSolveP = "rollout_solve_p";
    /// <summary>RL: Solve-R of the step's own rollouts.</summary>
    public const string RolloutSolveR = "rollout_solve_r";
    /// <summary>RL: Solve-F1 of the step's own rollouts.</summary>
    public const string RolloutSolveF1 = "rollout_solve_f1";

    /// <summary>Eval: held-out Solve-P (the reference rule, comparable with the paper).</summary>
    public const string SolveP = "solve_p";
    /// <summary>Eval: held-out Solve-R.</summary>
    public const string SolveR = "solve_r";
    /// <summary>Eval: held-out Solve-F1.</summary>
    public const string SolveF1 = "solve_f1";
    /// <summary>Eval: held-out Solve-F1 under the strict rule (only returned values solve), beside the reference one.</summary>
    public const string StrictSolveF1 = "strict_solve_f1";

    /// <summary>The noisy RL curves a report plots with a smoothed line.</summary>
    public static readonly string[] RlCurves = [RewardMean, Kl, Entropy];

    /// <summary>The held-out metrics a report plots over time.</summary>
    public static readonly string[] HeldOutCurves = [SolveP, SolveR, SolveF1];
}
