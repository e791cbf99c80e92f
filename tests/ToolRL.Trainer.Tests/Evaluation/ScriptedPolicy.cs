using ToolRL.Conversations;
using ToolRL.Trainer.Evaluation;

namespace ToolRL.Trainer.Tests.Evaluation;

/// <summary>Answers each conversation from a script keyed by the user question; the turn number picks the line (the last repeats).</summary>
internal sealed class ScriptedPolicy(IReadOnlyDictionary<string, string[]> script) : ITurnPolicy
{
    public int Calls { get; private set; }
    public List<int> BatchSizes { get; } = [];

    public ValueTask<IReadOnlyList<PolicyTurn>> NextTurnsAsync(IReadOnlyList<TurnRequest> requests, CancellationToken cancellationToken = default)
    {
        Calls++;
        BatchSizes.Add(requests.Count);
        var turns = requests.Select(r =>
        {
            var lines = script[r.Messages[0].Content!];
            int turn = r.Messages.Count(m => m.Role == ChatRoles.Assistant);
            return new PolicyTurn(lines[Math.Min(turn, lines.Length - 1)]);
        }).ToArray();
        return ValueTask.FromResult<IReadOnlyList<PolicyTurn>>(turns);
    }
}
