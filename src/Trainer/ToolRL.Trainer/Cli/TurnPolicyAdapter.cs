using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Cli;

/// <summary>Runs any <see cref="IPolicy"/> (a checkpoint or an API model) under the evaluator's lockstep episodes.</summary>
internal sealed class TurnPolicyAdapter(IPolicy policy, PolicySampling sampling) : ITurnPolicy
{
    public async ValueTask<IReadOnlyList<Evaluation.PolicyTurn>> NextTurnsAsync(
        IReadOnlyList<TurnRequest> requests, CancellationToken cancellationToken = default)
    {
        var turns = await policy.NextTurnsAsync(
            requests.Select(r => new PolicyRequest(r.Messages, r.Tools)).ToList(), sampling, cancellationToken).ConfigureAwait(false);
        return turns.Select(t => new Evaluation.PolicyTurn(t.Text, t.Tokens?.PromptIds, t.Tokens?.ResponseIds, t.Tokens?.LogProbs)).ToList();
    }
}
