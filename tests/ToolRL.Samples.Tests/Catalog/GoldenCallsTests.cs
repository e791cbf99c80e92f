using ToolRL.Rewards;
using ToolRL.Samples.Catalog;

namespace ToolRL.Samples.Tests.Catalog;

public class GoldenCallsTests
{
    public static TheoryData<string> TaskIds => new(SampleEnvironments.All.SelectMany(e => e.Tasks).Select(t => t.Id));

    private static ToolRL.Tasks.EnvironmentTask Task(string id) => SampleEnvironments.All.SelectMany(e => e.Tasks).Single(t => t.Id == id);

    [Theory]
    [MemberData(nameof(TaskIds))]
    public async Task Golden_calls_replayed_in_a_session_succeed_and_reproduce_non_empty_sub_answers(string id)
    {
        var task = Task(id);
        Assert.NotEmpty(task.SubQuestions);
        Assert.False(string.IsNullOrWhiteSpace(task.FinalAnswer));

        using var session = GoldenReplay.EnvironmentOf(task).OpenSession();
        var results = await GoldenReplay.RunAsync(session, task, task.SubQuestions.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var gold = task.SubQuestions[i].Answer;
            Assert.False(string.IsNullOrWhiteSpace(gold));
            Assert.DoesNotContain("No record found", gold, StringComparison.Ordinal);
            Assert.True(results[i].IsOk, $"call {i} ({task.SubQuestions[i].ToolName}) failed: {results[i].Text}");
            Assert.Equal(gold, results[i].Text);
            Assert.True(AnswerVerifier.Verify(results[i].Text, gold));
        }
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void A_hop_consumes_what_the_call_it_depends_on_returned(string id)
    {
        // A dependent call's arguments carry the earlier output (e.g. the capital feeds the forecast's city).
        var task = Task(id);
        foreach (var question in task.SubQuestions)
        {
            foreach (var dependency in question.DependsOn)
            {
                var answer = task.SubQuestions[dependency].Answer;
                Assert.Contains(ToolRL.Json.Quote(answer).Trim('"'), question.ArgumentsJson, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void The_question_gives_away_neither_its_final_answer_nor_what_a_call_must_find(string id)
    {
        var task = Task(id);
        Assert.False(AnswerVerifier.ContainsAnswer(task.Question, task.FinalAnswer), $"the question contains its answer '{task.FinalAnswer}'");
        foreach (var question in task.SubQuestions)
            Assert.False(AnswerVerifier.Verify(task.Question, question.Answer), $"the question contains the sub-answer '{question.Answer}'");
    }
}
