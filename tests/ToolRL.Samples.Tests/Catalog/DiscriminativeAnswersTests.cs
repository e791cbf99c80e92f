using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.Environments;
using ToolRL.Rewards;
using ToolRL.Samples.Catalog;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Catalog;

/// <summary>
/// A wrong call must not earn the reward: for every golden call, each argument is swapped for every other
/// value a parameter of that name takes in any of the scenario's golden calls, of any tool (and every other
/// enum member), the
/// call is made in a session in the same state, and the reference check <see cref="AnswerVerifier.Verify"/>
/// must reject its output against the gold sub-answer.
/// </summary>
public class DiscriminativeAnswersTests
{
    public static TheoryData<string> TaskIds => new(SampleEnvironments.All.SelectMany(e => e.Tasks).Select(t => t.Id));

    [Theory]
    [MemberData(nameof(TaskIds))]
    public async Task No_wrong_argument_reproduces_a_gold_sub_answer(string id)
    {
        var task = SampleEnvironments.All.SelectMany(e => e.Tasks).Single(t => t.Id == id);
        var environment = GoldenReplay.EnvironmentOf(task);
        var domains = ArgumentDomains(environment);
        var tried = 0;

        for (var i = 0; i < task.SubQuestions.Count; i++)
        {
            var golden = task.SubQuestions[i];
            var arguments = JsonNode.Parse(golden.ArgumentsJson)!.AsObject();
            foreach (var (parameter, value) in arguments.ToList())
            {
                var goldenValue = value?.ToJsonString() ?? "null";
                foreach (var alternative in domains[parameter].Where(a => !SameValue(a, goldenValue)))
                {
                    var wrong = arguments.DeepClone().AsObject();
                    wrong[parameter] = JsonNode.Parse(alternative);
                    using var session = environment.OpenSession();
                    await GoldenReplay.RunAsync(session, task, i); // the state the golden call saw
                    var result = await session.ExecuteAsync(new ToolCall(golden.ToolName, wrong.ToJsonString()));
                    Assert.False(AnswerVerifier.Verify(result.Text, golden.Answer),
                        $"{golden.ToolName} with {parameter}={alternative} gives '{result.Text}', which passes for the gold '{golden.Answer}'");
                    tried++;
                }
            }
        }
        Assert.True(tried > 0, "no wrong call was tried");
    }

    // Parameter name → every JSON value a parameter of that name takes in the scenario's golden calls, plus
    // enum members. Pooling by name across tools makes e.g. every country of any task a wrong country for get_currency.
    private static Dictionary<string, HashSet<string>> ArgumentDomains(IToolEnvironment environment)
    {
        var domains = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> Domain(string parameter) =>
            domains.TryGetValue(parameter, out var set) ? set : domains[parameter] = new HashSet<string>(StringComparer.Ordinal);

        foreach (var question in environment.Tasks.SelectMany(t => t.SubQuestions))
        {
            foreach (var (parameter, value) in JsonNode.Parse(question.ArgumentsJson)!.AsObject())
                Domain(parameter).Add(value?.ToJsonString() ?? "null");
        }
        foreach (var tool in environment.Tools)
        {
            using var schema = JsonDocument.Parse(tool.ParametersSchema);
            if (!schema.RootElement.TryGetProperty("properties", out var properties))
                continue;
            foreach (var parameter in properties.EnumerateObject())
            {
                if (parameter.Value.TryGetProperty("enum", out var members))
                {
                    foreach (var member in members.EnumerateArray())
                        Domain(parameter.Name).Add(member.GetRawText());
                }
            }
        }
        return domains;
    }

    // Names differing only in case are the same argument to these tools.
    private static bool SameValue(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
