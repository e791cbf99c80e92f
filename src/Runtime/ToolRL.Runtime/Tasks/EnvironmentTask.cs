using ToolRL.Rewards;

namespace ToolRL.Tasks;

/// <summary>A task ready for episodes: question, sub-questions with gold answers, final gold answer.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Scenario">The scenario (environment) name.</param>
/// <param name="Question">The user's question.</param>
/// <param name="Structure">Its decomposition structure.</param>
/// <param name="SubQuestions">The golden calls with their gold sub-answers.</param>
/// <param name="FinalAnswer">The final gold answer.</param>
public sealed record EnvironmentTask(
    string Id,
    string Scenario,
    string Question,
    TaskStructure Structure,
    IReadOnlyList<SubQuestion> SubQuestions,
    string FinalAnswer)
{
    /// <summary>A fresh unsolved set for one episode of this task.</summary>
    public UnsolvedSet NewUnsolvedSet() => new(SubQuestions.Select(q => (q.ToolName, q.Answer)));
}
