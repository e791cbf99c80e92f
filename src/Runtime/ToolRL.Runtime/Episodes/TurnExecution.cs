using System.Runtime.CompilerServices;
using ToolRL.Environments;
using ToolRL.Rewards;
using ToolRL.Tools;

namespace ToolRL.Episodes;

/// <summary>
/// Executes one turn's calls in order and solves sub-questions through a <see cref="ICallSolver"/>: the core that
/// <see cref="Episode"/> (both rules' sets, <see cref="EpisodeSolver"/>) and <see cref="StepScorer"/> (the recorded
/// state under its one rule, <see cref="RecordedSolver"/>) share.
/// </summary>
internal static class TurnExecution
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // the box is reused when a call awaits
    public static async ValueTask<(ExecutedCall[] Calls, int Solved)> RunAsync<TSolver>(
        IToolSession session, IReadOnlyList<ToolCall> calls, TSolver solver, CancellationToken cancellationToken)
        where TSolver : ICallSolver
    {
        var executed = new ExecutedCall[calls.Count];
        var solved = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            // A structured call may arrive without a name (null despite the type): it fails as an unknown tool.
            var call = calls[i].Name is null ? calls[i] with { Name = string.Empty } : calls[i];
            var result = await session.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
            var solvedOne = solver.TrySolve(call.Name, result);
            if (solvedOne)
                solved++;
            executed[i] = new ExecutedCall(call, result, solvedOne);
        }
        return (executed, solved);
    }
}

/// <summary>Decides whether one executed call solves a sub-question (and records it).</summary>
internal interface ICallSolver
{
    bool TrySolve(string toolName, ToolResult result);
}

/// <summary>An episode's two sets, both kept up to date; the rule's result counts.</summary>
internal readonly struct EpisodeSolver(UnsolvedSet reference, UnsolvedSet strict, SolveRule rule) : ICallSolver
{
    public bool TrySolve(string toolName, ToolResult result)
    {
        var solvedReference = reference.TrySolve(toolName, result.Text);
        var solvedStrict = result.IsOk && strict.TrySolve(toolName, result.Text);
        return rule == SolveRule.Strict ? solvedStrict : solvedReference;
    }
}

/// <summary>
/// A recorded state's unsolved answers under one rule. Its <see cref="UnsolvedSet"/> is made at the first call that
/// solves: most scored turns solve nothing, and then read the recorded state alone. A mutable struct: the async loop
/// holds its one copy and calls it in place, so the set made at one call serves the turn's later calls.
/// </summary>
internal struct RecordedSolver(IReadOnlyDictionary<string, IReadOnlyList<string>> recorded, bool strict) : ICallSolver
{
    private UnsolvedSet? _set;

    public bool TrySolve(string toolName, ToolResult result)
    {
        if (strict && !result.IsOk)
            return false;
        if (_set is null)
        {
            if (!UnsolvedSet.AnySolves(recorded, toolName, result.Text))
                return false;
            _set = new UnsolvedSet(recorded);
        }
        return _set.TrySolve(toolName, result.Text);
    }
}
