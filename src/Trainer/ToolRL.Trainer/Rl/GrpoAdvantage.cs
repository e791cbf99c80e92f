namespace ToolRL.Trainer.Rl;

/// <summary>
/// GRPO's outcome advantage as verl's <c>compute_grpo_outcome_advantage</c> computes it: responses are grouped by
/// prompt; each response's advantage is <c>(r − mean_g) / (std_g + ε)</c> with the group's unbiased (n−1) standard
/// deviation; the updater repeats it on every token of the response. A group of one response gets mean 0 and std 1, so its
/// advantage is <c>r / (1 + ε)</c>: verl's choice, kept so that numbers compare.
/// </summary>
internal static class GrpoAdvantage
{
    /// <summary>verl's default ε.</summary>
    public const double DefaultEpsilon = 1e-6;

    /// <summary>One advantage per response.</summary>
    /// <param name="scores">The outcome reward of each response.</param>
    /// <param name="groupIds">The prompt (group) each response was sampled for, parallel to <paramref name="scores"/>.</param>
    /// <param name="epsilon">Added to the group std.</param>
    /// <param name="normalizeByStd">False gives Dr.GRPO's <c>r − mean</c> (verl's <c>norm_adv_by_std_in_grpo=False</c>).</param>
    public static double[] ComputePerResponse(
        IReadOnlyList<double> scores, IReadOnlyList<string> groupIds,
        double epsilon = DefaultEpsilon, bool normalizeByStd = true)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(groupIds);
        if (scores.Count != groupIds.Count)
            throw new ArgumentException($"{scores.Count} scores but {groupIds.Count} group ids; they must be parallel.");

        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"Score {i} is {scores[i]}; rewards must be finite.", nameof(scores));
            if (!members.TryGetValue(groupIds[i], out var list))
                members[groupIds[i]] = list = [];
            list.Add(i);
        }

        var advantages = new double[scores.Count];
        foreach (var group in members.Values)
        {
            double mean = 0, std = 1;
            if (group.Count > 1)
            {
                mean = group.Average(i => scores[i]);
                var squares = group.Sum(i => (scores[i] - mean) * (scores[i] - mean));
                std = Math.Sqrt(squares / (group.Count - 1));
            }
            foreach (var i in group)
                advantages[i] = normalizeByStd ? (scores[i] - mean) / (std + epsilon) : scores[i] - mean;
        }
        return advantages;
    }
}
