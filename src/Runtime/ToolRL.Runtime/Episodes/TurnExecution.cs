using System.Runtime.CompilerServices;
using ToolRL.Environments;
using ToolRL.Rewards;
using ToolRL.Tools;

namespace ToolRL.Episodes;

/// <summary>
/// Executes one turn's calls in order and solves sub-questions under both rules: the core that
/// <see cref="Episode"/> and <see cref="StepScorer"/> share. A set may be null when its rule's result is not needed
/// (the scorer tracks only the rule it scores by); a call then never solves under that rule.
/// </summary>
internal static class TurnExecution
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // the box is reused when a call awaits
    public static async ValueTask<(ExecutedCall[] Calls, int Solved)> RunAsync(
        IToolSession session, IReadOnlyList<ToolCall> calls, UnsolvedSet? reference, UnsolvedSet? strict, SolveRule rule,
        CancellationToken cancellationToken)
    {
        var executed = new ExecutedCall[calls.Count];
        var solved = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            // A structured call may arrive without a name (null despite the type): it fails as an unknown tool.
            var call = calls[i].Name is null ? calls[i] with { Name = string.Empty } : calls[i];
            var result = await session.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
            var solvedReference = reference is not null && reference.TrySolve(call.Name, result.Text);
            var solvedStrict = result.IsOk && strict is not null && strict.TrySolve(call.Name, result.Text);
            var solvedOne = rule == SolveRule.Strict ? solvedStrict : solvedReference;
            if (solvedOne)
                solved++;
            executed[i] = new ExecutedCall(call, result, solvedOne);
        }
        return (executed, solved);
    }
}
