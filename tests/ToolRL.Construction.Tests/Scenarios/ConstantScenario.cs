using System.Text.Json;
using ToolRL.Construction.Sources;
using ToolRL.Tools;

namespace Construction.Tests.Scenarios;

/// <summary>A scenario whose one tool answers "yes" to everything: its answers are not discriminative.</summary>
public static class ConstantScenario
{
    public static ScenarioSource Create()
    {
        var parameter = new ToolParameter("item", "string", "string", true, "An item.");
        return new ScenarioSource("constant", "Always yes.",
            [new ToolDefinition("is_available", "Tells whether an item is available.", """{"type":"object","properties":{"item":{"type":"string"}},"required":["item"]}""")],
            [new ToolSignature("is_available", "IsAvailable", "whether {item} is available", [parameter], "string")],
            [new ToolFact("is_available", """{"item":"apples"}""", "yes"), new ToolFact("is_available", """{"item":"pears"}""", "yes")],
            () => new Invoker());
    }

    private sealed class Invoker : IToolInvoker
    {
        public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default) =>
            toolName == "is_available" ? ToolResult.Ok("yes") : ToolFeedback.UnknownTool(toolName);
    }
}
