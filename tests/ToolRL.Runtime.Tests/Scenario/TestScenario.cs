using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Scenario;

/// <summary>
/// A hand-written <see cref="IScenario{TTools}"/> standing in for generated code: a switch dispatcher with
/// the same validation feedback a generated one gives (missing, unexpected, mistyped arguments).
/// </summary>
public sealed class TestScenario(IReadOnlyList<TaskDescriptor<ITestTools>>? tasks = null, Func<ITestTools>? localImplementation = null)
    : IScenario<ITestTools>
{
    public string Name => "test";
    public string Description => "Capitals, weather, a cart and misbehaving tools.";

    public IReadOnlyList<ToolDefinition> Tools { get; } =
    [
        Def("get_capital", "Returns the capital city of a country.", "country"),
        Def("get_weather", "Current weather in a city.", "city"),
        Def("add_to_cart", "Adds an item to the cart and returns the item count.", "item"),
        new("list_cart", "Lists the cart's items.", """{"type":"object","properties":{}}"""),
        new("sleep", "Sleeps.", """{"type":"object","properties":{"milliseconds":{"type":"integer"}},"required":["milliseconds"]}"""),
        new("wait_for_cancel", "Waits, observing cancellation.", """{"type":"object","properties":{"milliseconds":{"type":"integer"}},"required":["milliseconds"]}"""),
        Def("fail", "Always throws.", "message"),
        Def("echo", "Returns its text.", "text"),
    ];

    public IReadOnlyList<ToolSignature> Signatures => [];
    public IReadOnlyList<ToolFact> Facts => [];
    public string Markdown => "# test";
    public IReadOnlyList<TaskDescriptor<ITestTools>> Tasks { get; } = tasks ?? TestTasks.All;
    public Func<ITestTools>? LocalImplementation { get; } = localImplementation;

    public ITestTools CreateRecorder(ITestTools inner, GoldenRecorder recorder) => new RecordingTestTools(inner, recorder);

    public ToolResult Invoke(ITestTools tools, string toolName, JsonElement arguments, CancellationToken cancellationToken)
    {
        switch (toolName)
        {
            case "get_capital":
                return OneString(toolName, arguments, "country", out var country, out var error) ? ToolResult.Ok(tools.GetCapital(country)) : error;
            case "get_weather":
                return OneString(toolName, arguments, "city", out var city, out error) ? ToolResult.Ok(tools.GetWeather(city)) : error;
            case "add_to_cart":
                return OneString(toolName, arguments, "item", out var item, out error) ? ToolResult.Ok(tools.AddToCart(item).ToString()) : error;
            case "list_cart":
                return ToolResult.Ok(tools.ListCart());
            case "sleep":
                return OneInt(toolName, arguments, "milliseconds", out var ms, out error) ? ToolResult.Ok(tools.Sleep(ms)) : error;
            case "wait_for_cancel":
                return OneInt(toolName, arguments, "milliseconds", out ms, out error) ? ToolResult.Ok(tools.WaitForCancel(ms, cancellationToken)) : error;
            case "fail":
                return OneString(toolName, arguments, "message", out var message, out error) ? ToolResult.Ok(tools.Fail(message)) : error;
            case "echo":
                return OneString(toolName, arguments, "text", out var text, out error) ? ToolResult.Ok(tools.Echo(text)) : error;
            default:
                return ToolFeedback.UnknownTool(toolName);
        }
    }

    private static bool OneString(string tool, JsonElement args, string parameter, out string value, out ToolResult error)
    {
        value = "";
        if (!OnlyKnown(tool, args, parameter, out error))
            return false;
        if (!args.TryGetProperty(parameter, out var element))
        {
            error = ToolFeedback.MissingArgument(tool, parameter);
            return false;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            error = ToolFeedback.InvalidArgument(tool, parameter, "a string");
            return false;
        }
        value = element.GetString()!;
        return true;
    }

    private static bool OneInt(string tool, JsonElement args, string parameter, out int value, out ToolResult error)
    {
        value = 0;
        if (!OnlyKnown(tool, args, parameter, out error))
            return false;
        if (!args.TryGetProperty(parameter, out var element))
        {
            error = ToolFeedback.MissingArgument(tool, parameter);
            return false;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out value))
        {
            error = ToolFeedback.InvalidArgument(tool, parameter, "an integer");
            return false;
        }
        return true;
    }

    private static bool OnlyKnown(string tool, JsonElement args, string parameter, out ToolResult error)
    {
        foreach (var property in args.EnumerateObject())
        {
            if (property.Name != parameter)
            {
                error = ToolFeedback.UnknownArgument(tool, property.Name, "'" + parameter + "'");
                return false;
            }
        }
        error = default;
        return true;
    }

    private static ToolDefinition Def(string name, string description, string parameter) =>
        new(name, description, "{\"type\":\"object\",\"properties\":{\"" + parameter + "\":{\"type\":\"string\"}},\"required\":[\"" + parameter + "\"]}");
}
