using ToolRL.Parsing;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Tests.Rl.Rollouts;

/// <summary>A policy that writes Hermes text chosen by a script from the conversation.</summary>
internal sealed class ScriptedPolicy(Func<PolicyRequest, string> script) : IPolicy
{
    public int Batches;
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

    public static string Call(string country) =>
        "<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"" + country + "\"}}\n</tool_call>";
}
