using System.Text;
using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Samples.Catalog;
using ToolRL.Tools;
using Xunit.Abstractions;

namespace ToolRL.Samples.Tests.Reliability;

/// <summary>
/// Model output must never throw out of the SDK, and under the strict solve rule only a returned value can
/// solve. 12,000 generated turns go through the parser and an episode of every sample environment (its
/// generated dispatcher and tools): all parameter types of the samples, with values of every wrong shape.
/// </summary>
public sealed class TurnFuzzTests(ITestOutputHelper output)
{
    private const int TurnsPerEnvironment = 4000;

    // JSON values of every type and many malformed ones; each goes into every parameter of every tool.
    private static readonly string[] Values =
    [
        "\"Paris\"", "\"France\"", "\"Emma\"", "\"Japan\"", "\"SKU-1001\"", "3", "-0", "0", "-0.0", "1e400", "-1e400", "NaN", "Infinity",
        "-Infinity", "1.5", "19.90", "99999999999999999999999", "-9223372036854775809", "2147483648", "true", "false", "null", "[]", "{}",
        "[\"a\", 1]", "[\"SKU-1001\", \"SKU-1002\"]", "{\"street\": \"1 Main St\", \"city\": \"\\ud800\"}", "\"\\ud800\"", "\"\\udc00x\"",
        "\"a\\u0000b\"", "\"2025-03-14\"", "\"2025-02-30\"", "\"celsius\"", "\"Celsius\"", "\"FAHRENHEIT\"", "\"\ud800\"", "\"\\\\\"",
        new string('[', 70) + new string(']', 70), "\"" + new string('x', 300) + "\"", "\"1e400\"", "\"Books\"", "1" + new string('0', 400),
    ];

    public static IEnumerable<object[]> Environments => SampleEnvironments.All.Select(e => new object[] { e.Name });

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Generated_turns_never_throw_and_strict_solves_come_only_from_returned_values(string name)
    {
        var env = SampleEnvironments.All.Single(e => e.Name == name);
        var tools = env.Tools.Select(t => (t.Name, Parameters: ParameterNames(t))).ToArray();
        var random = new Random(name.Length * 7919);
        var thrown = new List<string>();
        var referenceErrorSolves = 0;
        for (var i = 0; i < TurnsPerEnvironment; i++)
        {
            var text = Turn(random, tools);
            var task = env.Tasks[random.Next(env.Tasks.Count)];
            try
            {
                foreach (var rule in (SolveRule[])[SolveRule.Reference, SolveRule.Strict])
                {
                    using var session = env.OpenSession();
                    var episode = new Episode(task, session, new EpisodeOptions { SolveRule = rule });
                    var outcome = await episode.StepAsync(text);
                    Assert.True(double.IsFinite(outcome.Reward));
                    if (rule == SolveRule.Strict)
                        Assert.All(outcome.Calls.Where(c => c.SolvedSubQuestion), c => Assert.Equal(ToolOutcome.Ok, c.Result.Outcome));
                    else
                        referenceErrorSolves += outcome.Calls.Count(c => c.SolvedSubQuestion && !c.Result.IsOk);
                    Assert.True(episode.StrictMetrics.Solved <= episode.ReferenceMetrics.Solved);
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                thrown.Add($"{e.GetType().Name}: {e.Message} <- {JsonSerializer.Serialize(text[..Math.Min(text.Length, 300)])}");
            }
        }
        output.WriteLine($"{name}: {TurnsPerEnvironment} turns, {thrown.Count} threw, {referenceErrorSolves} reference-mode solves by a call that did not return a value");
        Assert.True(thrown.Count == 0, $"{thrown.Count} turns threw, e.g.\n" + string.Join("\n", thrown.Distinct().Take(10)));
    }

    [Fact]
    public async Task A_call_truncated_at_every_position_never_throws()
    {
        var env = SampleEnvironments.Travel;
        var text = "<think>x</think>\n<tool_call>\n{\"name\": \"get_forecast\", \"arguments\": {\"city\": \"Par\\u00eds\\ud83c\\udf0d\", \"date\": \"2025-03-14\", " +
                   "\"unit\": \"celsius\", \"unit\": null, \"n\": [1e400, -0, {\"a\": \"\\ud800\"}]}}\n</tool_call>\n<tool_call>{\"name\": \"get_capital\", \"arguments\": \"{\\\"country\\\": \\\"Japan\\\"}\"}</tool_call><|im_end|>";
        for (var cut = 0; cut <= text.Length; cut++)
        {
            using var session = env.OpenSession();
            var episode = new Episode(env.Tasks[0], session);
            var outcome = await episode.StepAsync(text[..cut]);
            Assert.True(double.IsFinite(outcome.Reward));
        }
    }

    private static string[] ParameterNames(ToolDefinition tool)
    {
        using var schema = JsonDocument.Parse(tool.ParametersSchema);
        return schema.RootElement.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToArray() : [];
    }

    private static string Turn(Random r, (string Name, string[] Parameters)[] tools)
    {
        var sb = new StringBuilder();
        if (r.Next(4) == 0)
            sb.Append("<think>").Append(r.Next(3) == 0 ? "maybe <tool_call> here" : "thinking").Append("</think>\n");
        var blocks = r.Next(0, 4);
        for (var b = 0; b < blocks; b++)
        {
            var (name, parameters) = tools[r.Next(tools.Length)];
            var args = new StringBuilder("{");
            var first = true;
            foreach (var p in parameters.Where(_ => r.Next(5) > 0).Concat(r.Next(6) == 0 ? ["extra"] : []).Concat(r.Next(6) == 0 && parameters.Length > 0 ? [parameters[0]] : []))
            {
                args.Append(first ? "" : ", ").Append(JsonSerializer.Serialize(p)).Append(": ").Append(Values[r.Next(Values.Length)]);
                first = false;
            }
            args.Append('}');
            var arguments = r.Next(8) == 0 ? JsonSerializer.Serialize(args.ToString()) : args.ToString();
            var toolName = r.Next(10) == 0 ? Values[r.Next(Values.Length)] : JsonSerializer.Serialize(name);
            sb.Append(r.Next(10) == 0 ? "<tool_call><tool_call>" : "<tool_call>\n")
              .Append("{\"name\": ").Append(toolName).Append(", \"arguments\": ").Append(arguments).Append('}')
              .Append(r.Next(12) == 0 ? "" : "\n</tool_call>\n");
        }
        if (r.Next(3) == 0)
            sb.Append(r.Next(2) == 0 ? "The answer is Paris." : "<|im_end|>");
        var text = sb.ToString();
        return r.Next(20) == 0 && text.Length > 0 ? text[..r.Next(text.Length)] : text;
    }
}
