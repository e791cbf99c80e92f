using ToolRL.Parsing;

namespace ToolRL.Rewards;

/// <summary>The reference step reward of one assistant turn (PAPER.md §2, "Step reward").</summary>
public static class StepReward
{
    /// <summary>No tool call and empty content.</summary>
    public const double EmptyTurn = -0.5;

    /// <summary>No parsed call, but tool-call markup in the text.</summary>
    public const double MalformedCall = -0.3;

    /// <summary>No gold answer in the final text, but every sub-question was already solved.</summary>
    public const double AllSolvedWithoutAnswer = 0.5;

    /// <summary>The reward of a turn whose <paramref name="calls"/> parsed calls solved <paramref name="solved"/> sub-questions.</summary>
    public static double ForToolCalls(StepRewardVariant variant, int solved, int calls)
    {
        if (calls <= 0)
            throw new ArgumentOutOfRangeException(nameof(calls), calls, "A tool-call turn has at least one call.");
        return variant switch
        {
            StepRewardVariant.F1 => 2.0 * solved / (calls + 1),
            StepRewardVariant.Precision => (double)solved / calls,
            StepRewardVariant.Rate => solved,
            StepRewardVariant.PR => (double)solved * solved / calls,
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown step-reward variant."),
        };
    }

    /// <summary>
    /// The reward of a turn without parsed tool calls (a final answer or a failed attempt).
    /// </summary>
    /// <param name="turn">The parsed turn; must have no tool calls.</param>
    /// <param name="goldAnswer">The task's final gold answer.</param>
    /// <param name="unsolvedBefore">Unsolved sub-questions before the turn (<c>u</c>).</param>
    /// <param name="solveRate">The episode's solve rate before the turn.</param>
    public static double ForAnswer(ParsedTurn turn, string goldAnswer, int unsolvedBefore, double solveRate)
    {
        if (turn.HasToolCalls)
            throw new ArgumentException("Use ForToolCalls for a turn with tool calls.", nameof(turn));
        if (turn.Content.Length == 0) // content is stripped already: `content is None or content == ''`
            return EmptyTurn;
        if (turn.HasToolCallMarkup)
            return MalformedCall;
        if (AnswerVerifier.ContainsAnswer(turn.Content, goldAnswer))
            return 1.0 / (1 + unsolvedBefore);
        if (solveRate >= 1.0)
            return AllSolvedWithoutAnswer;
        return 0.0;
    }
}
