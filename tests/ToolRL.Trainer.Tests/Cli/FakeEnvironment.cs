using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Trainer.Tests.Cli;

/// <summary>A fixed in-memory environment for command-line tests: one tool, two tasks.</summary>
internal sealed class FakeEnvironment(string name) : IToolEnvironment
{
    public string Name { get; } = name;
    public string Description => "A fake environment.";
    public IReadOnlyList<ToolDefinition> Tools { get; } =
        [new ToolDefinition("get_capital", "Returns the capital of a country.", """{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}""")];
    public IReadOnlyList<EnvironmentTask> Tasks { get; } =
    [
        new("fake/A", "fake", "What is the capital of France?", TaskStructure.SingleHop,
            [new SubQuestion(0, "get_capital", """{"country":"France"}""", [], "Paris")], "Paris"),
        new("fake/B", "fake", "What are the capitals of Japan and Peru?", TaskStructure.ParallelSingleHop,
            [new SubQuestion(0, "get_capital", """{"country":"Japan"}""", [], "Tokyo"),
             new SubQuestion(1, "get_capital", """{"country":"Peru"}""", [], "Lima")], "Tokyo, Lima"),
    ];
    public IToolSession OpenSession() => throw new NotSupportedException("The fake environment runs no tools.");
}
