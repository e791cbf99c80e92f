using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Toolsets;
using ToolRL.Construction.Validation;
using ToolRL.Tasks;

namespace Construction.Tests;

public sealed class ValidationTests
{
    private static readonly EnvironmentTask Sound = new("geo/hand/1", "geo", "What is the capital of Japan?", TaskStructure.SingleHop,
        [new SubQuestion(0, "get_capital", """{"country":"Japan"}""", [], "Tokyo")], "Tokyo");

    [Fact]
    public void Composed_tasks_pass_validation_and_the_report_counts_them()
    {
        var source = TestScenarios.Geo();
        var validator = TaskValidator.For(source);
        var report = new ScenarioValidationReport("geo", source.Tools.Select(t => t.Name));
        foreach (var task in Compose.Geo(each: 12))
        {
            var issues = validator.Validate(task);
            Assert.True(issues.Count == 0, string.Join("\n", issues));
            report.Add(task, issues);
        }
        Assert.Equal(48, report.Valid);
        Assert.All(Enum.GetValues<TaskStructure>(), s => Assert.Equal(12, report.ByStructure[s]));
        Assert.True(report.ByHopDepth[1] == 24 && report.ByHopDepth.Keys.Max() >= 2);
        Assert.Equal(report.ToolCalls.Values.Sum(), Compose.Geo(each: 12).Sum(t => t.SubQuestions.Count));
    }

    [Fact]
    public void A_sound_hand_written_task_has_no_issues()
    {
        Assert.Empty(TaskValidator.For(TestScenarios.Geo()).Validate(Sound));
    }

    [Fact]
    public void A_golden_call_that_fails_or_gives_another_answer_is_reported()
    {
        var validator = TaskValidator.For(TestScenarios.Geo());
        var failing = Sound with { SubQuestions = [new SubQuestion(0, "get_capitol", """{"country":"Japan"}""", [], "Tokyo")] };
        Assert.Contains(validator.Validate(failing), i => i.Kind == TaskIssueKind.CallFailed && i.Detail.Contains("get_capitol"));
        var changed = Sound with { SubQuestions = [new SubQuestion(0, "get_capital", """{"country":"France"}""", [], "Tokyo")] };
        Assert.Contains(validator.Validate(changed), i => i.Kind == TaskIssueKind.NotReproducible);
    }

    [Fact]
    public void Empty_answers_and_answers_inside_the_question_are_flagged()
    {
        var validator = TaskValidator.For(TestScenarios.Geo());
        Assert.Contains(validator.Validate(Sound with { FinalAnswer = " " }), i => i.Kind == TaskIssueKind.EmptyAnswer);
        var giveaway = Sound with { Question = "Is Tokyo the capital of Japan?" };
        Assert.Contains(validator.Validate(giveaway), i => i.Kind == TaskIssueKind.AnswerInQuestion);
        var artifact = Sound with { Question = "What is the capital of {country}?" };
        Assert.Contains(validator.Validate(artifact), i => i.Kind == TaskIssueKind.TemplateArtifact);
        var mislabeled = Sound with { Structure = TaskStructure.MultiHop };
        Assert.Contains(validator.Validate(mislabeled), i => i.Kind == TaskIssueKind.StructureMismatch);
    }

    [Fact]
    public void An_answer_that_a_wrong_call_also_produces_is_not_discriminative()
    {
        var source = ConstantScenario.Create();
        var task = new EnvironmentTask("c/1", "constant", "Are apples available?", TaskStructure.SingleHop,
            [new SubQuestion(0, "is_available", """{"item":"apples"}""", [], "yes")], "yes");
        var issues = TaskValidator.For(source).Validate(task);
        var issue = Assert.Single(issues);
        Assert.Equal(TaskIssueKind.NotDiscriminative, issue.Kind);
        Assert.Contains("item=\"pears\"", issue.Detail);
    }

    [Fact]
    public void Variant_tasks_are_validated_against_the_variant_toolset()
    {
        var source = TestScenarios.Geo();
        var variant = VariantBuilder.Build(source, new EnvironmentVariant("geo", ScalingStrategy.All, 2), [TestScenarios.Library()]);
        var validator = new TaskValidator(variant);
        Assert.All(Compose.Geo(each: 5), t => Assert.Empty(validator.Validate(t)));
        // Unrewritten calls of the base scenario do not run against a generalized toolset.
        var rewriteless = new Toolset(variant.Name, "geo", variant.Tools, variant.Signatures, variant.NewInvoker, q => q);
        Assert.Contains(Compose.Geo(each: 5), t => new TaskValidator(rewriteless).Validate(t).Any(i => i.Kind == TaskIssueKind.CallFailed));
    }
}
