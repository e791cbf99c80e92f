using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Fakes;

/// <summary>A hand-built environment for testing the describe output independently of the generator.</summary>
internal sealed class FakeEnvironment(string name, string description, IReadOnlyList<ToolDefinition> tools, IReadOnlyList<EnvironmentTask> tasks)
    : IToolEnvironment
{
    public string Name => name;
    public string Description => description;
    public IReadOnlyList<ToolDefinition> Tools => tools;
    public IReadOnlyList<EnvironmentTask> Tasks => tasks;
    public IToolSession OpenSession() => throw new NotSupportedException("describe never opens sessions");

    public static EnvironmentTask Task(string scenario, string question, TaskStructure structure) =>
        new($"{scenario}/{question}", scenario, question, structure, [new SubQuestion(0, "t", "{}", [], "answer")], "answer");
}
