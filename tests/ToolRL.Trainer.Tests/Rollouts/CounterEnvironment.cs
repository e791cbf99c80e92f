using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Trainer.Tests.Rollouts;

/// <summary>A stateful one-tool environment: each call of <c>next</c> returns the session's next number (1, 2, …).</summary>
internal sealed class CounterEnvironment : IToolEnvironment
{
    public const string Next = "<tool_call>\n{\"name\": \"next\", \"arguments\": {}}\n</tool_call>";

    public string Name => "counter";
    public string Description => "Counts per session.";
    public IReadOnlyList<ToolDefinition> Tools { get; } = [new ToolDefinition("next", "Returns the next number.", """{"type":"object","properties":{}}""")];
    public IReadOnlyList<EnvironmentTask> Tasks { get; } =
    [
        new("counter/two", "counter", "Count to two.", TaskStructure.SingleHop, [new SubQuestion(0, "next", "{}", [], "2")], "2"),
    ];

    public IToolSession OpenSession() => new Session();

    private sealed class Session : IToolSession
    {
        private int _count;

        public ValueTask<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(call.Name == "next"
                ? ToolResult.Ok((++_count).ToString(System.Globalization.CultureInfo.InvariantCulture))
                : new ToolResult(ToolOutcome.ToolError, $"unknown tool {call.Name}"));

        public void Dispose() { }
    }
}
