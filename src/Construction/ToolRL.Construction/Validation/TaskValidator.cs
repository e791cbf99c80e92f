using System.Text.Json;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Rewards;
using ToolRL.Tasks;

namespace ToolRL.Construction.Validation;

/// <summary>
/// Checks tasks against a toolset: every golden path executes on fresh state and its outputs solve the
/// unsolved set; gold answers are non-empty and discriminative (with value domains, each golden call is
/// repeated with one argument changed to another known value, and that wrong output must not pass the
/// check); the question neither contains its own answer nor template artifacts; the structure matches the graph.
/// </summary>
public sealed class TaskValidator
{
    private readonly Toolset _toolset;
    private readonly ValueDomains? _domains;

    /// <summary>
    /// Validates tasks for <paramref name="toolset"/> (tasks written for its scenario; they are rewritten here).
    /// <paramref name="domains"/> enables the discriminativeness check (use the scenario's own toolset then).
    /// </summary>
    public TaskValidator(Toolset toolset, ValueDomains? domains = null)
    {
        _toolset = toolset;
        _domains = domains;
    }

    /// <summary>Validator for a scenario with its own domains.</summary>
    public static TaskValidator For(ScenarioSource scenario, ValueDomains? domains = null) =>
        new(Toolset.Of(scenario), domains ?? ValueDomains.FromScenario(scenario));

    /// <summary>The task's issues; empty when it is sound.</summary>
    public List<TaskIssue> Validate(EnvironmentTask task)
    {
        var issues = new List<TaskIssue>();
        var rewritten = _toolset.Rewrite(task);
        CheckQuestion(task, issues);
        if (string.IsNullOrWhiteSpace(task.FinalAnswer))
            issues.Add(new(task.Id, TaskIssueKind.EmptyAnswer, "the final answer is empty"));
        var specs = task.SubQuestions.Select(q => new GoldenCallSpec(q.Index, q.ToolName, q.DependsOn)).ToArray();
        try
        {
            var structure = TaskStructures.Classify(specs);
            if (structure != task.Structure)
                issues.Add(new(task.Id, TaskIssueKind.StructureMismatch, $"claims {task.Structure} but its call graph is {structure}"));
        }
        catch (ArgumentException e)
        {
            issues.Add(new(task.Id, TaskIssueKind.StructureMismatch, e.Message));
        }

        var invoker = _toolset.NewInvoker();
        var unsolved = rewritten.NewUnsolvedSet();
        foreach (var q in rewritten.SubQuestions)
        {
            if (string.IsNullOrWhiteSpace(q.Answer))
                issues.Add(new(task.Id, TaskIssueKind.EmptyAnswer, $"sub-question {q.Index} ({q.ToolName}) has an empty gold answer"));
            var result = invoker.Invoke(q.ToolName, q.ArgumentsJson);
            if (!result.IsOk)
            {
                issues.Add(new(task.Id, TaskIssueKind.CallFailed, $"golden call {q.Index} {q.ToolName}{q.ArgumentsJson}: {result.Text}"));
                continue;
            }
            if (!unsolved.TrySolve(q.ToolName, result.Text))
                issues.Add(new(task.Id, TaskIssueKind.NotReproducible, $"golden call {q.Index} {q.ToolName} gave \"{Cut(result.Text)}\", which does not contain the gold answer \"{Cut(q.Answer)}\""));
        }
        if (_domains is not null)
        {
            foreach (var q in task.SubQuestions)
                CheckDiscriminative(task.Id, q, issues);
        }
        return issues;
    }

    private void CheckQuestion(EnvironmentTask task, List<TaskIssue> issues)
    {
        var question = task.Question;
        if (question.Contains('{') || question.Contains('}') || question.Contains("  ", StringComparison.Ordinal) ||
            question.Contains(" null", StringComparison.OrdinalIgnoreCase) || question.Contains(" ?", StringComparison.Ordinal))
            issues.Add(new(task.Id, TaskIssueKind.TemplateArtifact, $"question \"{question}\" has a template artifact"));
        var normalized = AnswerVerifier.Normalize(question);
        if (task.FinalAnswer.Length > 0 && normalized.Contains(AnswerVerifier.Normalize(task.FinalAnswer), StringComparison.Ordinal))
        {
            issues.Add(new(task.Id, TaskIssueKind.AnswerInQuestion, $"the question contains its final answer \"{Cut(task.FinalAnswer)}\""));
            return;
        }
        foreach (var q in task.SubQuestions)
        {
            var answer = AnswerVerifier.Normalize(q.Answer);
            if (answer.Length > 0 && normalized.Contains(answer, StringComparison.Ordinal))
            {
                issues.Add(new(task.Id, TaskIssueKind.AnswerInQuestion, $"the question states the answer of sub-question {q.Index} (\"{Cut(q.Answer)}\")"));
                return;
            }
        }
    }

    private void CheckDiscriminative(string taskId, SubQuestion q, List<TaskIssue> issues)
    {
        using var doc = JsonArguments.Parse(q.ArgumentsJson);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var domain = _domains!.For(q.ToolName, p.Name);
            if (domain.Count < 2)
                continue;
            var current = p.Value.GetRawText();
            var at = -1;
            for (var i = 0; i < domain.Count; i++)
            {
                if (domain[i].Json == current)
                {
                    at = i;
                    break;
                }
            }
            var wrong = domain[(at + 1) % domain.Count];
            if (wrong.Json == current)
                continue;
            var arguments = JsonArguments.Rewrite(doc.RootElement, null, null, (n, _) => n == p.Name ? wrong.Json : null);
            var result = _toolset.NewInvoker().Invoke(q.ToolName, arguments);
            if (result.IsOk && AnswerVerifier.Verify(result.Text, q.Answer))
            {
                issues.Add(new(taskId, TaskIssueKind.NotDiscriminative,
                    $"sub-question {q.Index}: {q.ToolName} with {p.Name}={wrong.Json} also yields \"{Cut(result.Text)}\", accepted for gold \"{Cut(q.Answer)}\""));
            }
            return; // one wrong call per sub-question keeps validation linear in the task size
        }
    }

    private static string Cut(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
