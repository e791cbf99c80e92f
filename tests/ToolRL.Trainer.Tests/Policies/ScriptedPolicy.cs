using ToolRL.Conversations;
using ToolRL.Parsing;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Tests.Policies;

/// <summary>A policy that writes Hermes text chosen by a script from the conversation; it records its batches.</summary>
internal sealed class ScriptedPolicy(Func<PolicyRequest, string> script) : IPolicy
{
    public int Batches { get; private set; }
    public List<int> BatchSizes { get; } = [];

    public string Name => "scripted";

    public Task<IReadOnlyList<PolicyTurn>> NextTurnsAsync(IReadOnlyList<PolicyRequest> requests, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        Batches++;
        BatchSizes.Add(requests.Count);
        IReadOnlyList<PolicyTurn> turns = requests.Select(r =>
        {
            var text = script(r);
            return new PolicyTurn(text, ToolCallParser.ParseHermes(text));
        }).ToArray();
        return Task.FromResult(turns);
    }

    /// <summary>Lines keyed by the user question; the number of assistant turns so far picks the line (the last repeats).</summary>
    public static ScriptedPolicy ByQuestion(IReadOnlyDictionary<string, string[]> lines) =>
        new(r =>
        {
            var script = lines[r.Messages.First(m => m.Role == ChatRoles.User).Content!];
            var turn = r.Messages.Count(m => m.Role == ChatRoles.Assistant);
            return script[Math.Min(turn, script.Length - 1)];
        });

    public static string Call(string country) =>
        "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"" + country + "\"}}\n</tool_call>";
}
