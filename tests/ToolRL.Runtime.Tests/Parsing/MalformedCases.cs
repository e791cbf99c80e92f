using ToolRL.Tools;
using static ToolRL.Tools.ToolOutcome;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>The table of malformed (and a few well-formed reference) tool-call texts.</summary>
public static class MalformedCases
{
    private const string Valid = """{"name": "get_capital", "arguments": {"country": "France"}}""";

    private static string Block(string json) => $"<tool_call>\n{json}\n</tool_call>";

    private static MalformedCase Dropped(string id, string text, string? content = null) =>
        new(id, text, [], [], [], StepRewardMalformedValue, content ?? text.Trim(), true);

    private const double StepRewardMalformedValue = -0.3;

    private static MalformedCase OneCall(string id, string text, string name, ToolOutcome outcome, string feedback, double reward, string? content = "") =>
        new(id, text, [name], [outcome], [feedback], reward, content, true);

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    public static readonly IReadOnlyList<MalformedCase> All =
    [
        // Reference points: well-formed calls.
        OneCall("valid call solves", Block(Valid), "get_capital", Ok, "Paris", 1.0),
        OneCall("valid call, wrong country", Block("""{"name": "get_capital", "arguments": {"country": "Japan"}}"""), "get_capital", Ok, "Tokyo", 0.0),
        OneCall("no newlines inside the block", $"<tool_call>{Valid}</tool_call>", "get_capital", Ok, "Paris", 1.0),
        OneCall("content before the block", "Let me look that up.\n" + Block(Valid), "get_capital", Ok, "Paris", 1.0, "Let me look that up."),
        OneCall("think then call", "<think>\nI need the capital.\n</think>\n\n" + Block(Valid), "get_capital", Ok, "Paris", 1.0),

        // Truncated or invalid JSON: the block is dropped, the turn is a malformed call.
        Dropped("truncated JSON", Block("""{"name": "get_capital", "arguments": {"country": "Fra""")),
        Dropped("truncated JSON, unclosed block", """<tool_call>\n{"name": "get_capital", "arguments": {"coun"""),
        Dropped("valid JSON, unclosed final block", "<tool_call>\n" + Valid),
        Dropped("single-quoted Python dict", Block("{'name': 'get_capital', 'arguments': {'country': 'France'}}")),
        Dropped("trailing comma", Block("""{"name": "get_capital", "arguments": {"country": "France",}}""")),
        Dropped("comment inside JSON", Block("""{"name": "get_capital", /* why */ "arguments": {"country": "France"}}""")),
        Dropped("two objects in one block", Block(Valid + Valid)),
        Dropped("markdown fence inside the block", Block("```json\n" + Valid + "\n```")),
        Dropped("array of calls", Block("[" + Valid + "]")),
        Dropped("empty block", "<tool_call></tool_call>"),

        // Wrong nesting.
        Dropped("nested tool_call tags", "<tool_call>" + Block(Valid) + "</tool_call>"),
        Dropped("OpenAI function wrapper", Block("""{"type": "function", "function": {"name": "get_capital", "arguments": {"country": "France"}}}""")),
        Dropped("name holds the call", Block("""{"name": {"get_capital": {"country": "France"}}}""")),

        // Names.
        Dropped("missing name", Block("""{"arguments": {"country": "France"}}""")),
        Dropped("name is a number", Block("""{"name": 7, "arguments": {"country": "France"}}""")),
        Dropped("name is null", Block("""{"name": null, "arguments": {"country": "France"}}""")),
        OneCall("unknown tool", Block("""{"name": "get_population", "arguments": {"country": "France"}}"""),
            "get_population", UnknownTool, "an error occured when call get_population: no tool named 'get_population' is available", 0.0),
        OneCall("empty name", Block("""{"name": "", "arguments": {}}"""), "", UnknownTool, "no tool named '' is available", 0.0),
        OneCall("tool name in another case", Block("""{"name": "Get_Capital", "arguments": {"country": "France"}}"""),
            "Get_Capital", UnknownTool, "no tool named 'Get_Capital'", 0.0),

        // Arguments.
        OneCall("arguments as a JSON string holding an object", Block("""{"name": "get_capital", "arguments": "{\"country\": \"France\"}"}"""),
            "get_capital", Ok, "Paris", 1.0),
        OneCall("arguments as a plain string", Block("""{"name": "get_capital", "arguments": "France"}"""),
            "get_capital", InvalidArguments, "an error occured when call get_capital: arguments must be a JSON object (got a string)", 0.0),
        OneCall("arguments as a string holding broken JSON", Block("""{"name": "get_capital", "arguments": "{\"country\": "}"""),
            "get_capital", InvalidArguments, "arguments must be a JSON object (got a string)", 0.0),
        OneCall("arguments as an array", Block("""{"name": "get_capital", "arguments": ["France"]}"""),
            "get_capital", InvalidArguments, "arguments must be a JSON object (got an array)", 0.0),
        OneCall("arguments as a number", Block("""{"name": "get_capital", "arguments": 42}"""),
            "get_capital", InvalidArguments, "arguments must be a JSON object (got a number)", 0.0),
        OneCall("arguments missing", Block("""{"name": "get_capital"}"""),
            "get_capital", InvalidArguments, "an error occured when call get_capital: missing required argument 'country'", 0.0),
        OneCall("arguments null", Block("""{"name": "get_capital", "arguments": null}"""),
            "get_capital", InvalidArguments, "missing required argument 'country'", 0.0),
        OneCall("argument of the wrong type", Block("""{"name": "get_capital", "arguments": {"country": 42}}"""),
            "get_capital", InvalidArguments, "argument 'country' must be a string", 0.0),
        OneCall("unexpected extra argument", Block("""{"name": "get_capital", "arguments": {"country": "France", "year": 2020}}"""),
            "get_capital", InvalidArguments, "unexpected argument name; the arguments are 'country'", 0.0),

        // Unicode.
        OneCall("unicode argument", Block("""{"name": "get_capital", "arguments": {"country": "Côte d’Ivoire 🌍"}}"""),
            "get_capital", Ok, "no capital known for Côte d’Ivoire 🌍", 0.0),
        OneCall("unicode escape in argument", Block("""{"name": "get_capital", "arguments": {"country": "Fr\u0061nce"}}"""),
            "get_capital", Ok, "Paris", 1.0),
        Dropped("lone surrogate in the block", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": \"\uD800\"}}")),
        // The JSON is valid but its string cannot become UTF-16: the dispatcher's read throws, which the
        // session turns into error feedback like any tool exception.
        OneCall("escaped lone surrogate", Block("""{"name": "echo", "arguments": {"text": "a\uD800b"}}"""),
            "echo", ToolError, "an error occured when call echo: Cannot read incomplete UTF-16 JSON text", 0.0),

        // Size and depth.
        OneCall("1 MB payload over the arguments limit", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": \"" + new string('x', 1 << 20) + "\"}}"),
            "get_capital", InvalidArguments, "the arguments are longer than the environment's limit", 0.0),
        OneCall("half-MB argument, output cut", Block("{\"name\": \"echo\", \"arguments\": {\"text\": \"" + new string('y', 1 << 19) + "\"}}"),
            "echo", Ok, "[output truncated: 524288 characters, showing the first 16384]", 0.0),
        Dropped("arguments nested past the depth bound", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": " + Nested(100) + "}}")),
        OneCall("nesting within the depth bound", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": " + Nested(40) + "}}"),
            "get_capital", InvalidArguments, "argument 'country' must be a string", 0.0),

        // Several blocks.
        new("several blocks, one broken", Block(Valid) + "\n" + Block("{\"name\": \"get_capital\", ") + "\n" + Block("""{"name": "get_capital", "arguments": {"country": "Japan"}}"""),
            ["get_capital", "get_capital"], [Ok, Ok], ["Paris", "Tokyo"], 2.0 / 3, "", true),
        Dropped("several blocks, all broken", Block("{") + Block("[]") + Block("\"get_capital\"")),
        new("the same call twice solves once", Block(Valid) + Block(Valid),
            ["get_capital", "get_capital"], [Ok, Ok], ["Paris", "Paris"], 2.0 / 3, "", true),
        new("a throwing tool among good calls", Block("""{"name": "fail", "arguments": {"message": "boom"}}""") + Block(Valid),
            ["fail", "get_capital"], [ToolError, Ok], ["an error occured when call fail: boom", "Paris"], 2.0 / 3, "", true),

        // No parsed call.
        new("think block only", "<think>I should call get_capital.</think>", [], [], [], -0.5, "", false),
        new("unclosed think block", "<think>I should call get_capital with France and then", [], [], [], -0.5, "", false),
        new("call inside the think block only", "<think>" + Block(Valid) + "</think>", [], [], [], -0.5, "", false),
        new("empty text", "", [], [], [], -0.5, "", false),
        new("whitespace only", " \n\t ", [], [], [], -0.5, "", false),
        Dropped("stray closing tag beside the answer", "Paris</tool_call>"),
        Dropped("tool_parsed_response tag", "<tool_parsed_response>Paris"),
        new("upper-case tags are plain text", "<TOOL_CALL>" + Valid + "</TOOL_CALL>", [], [], [], 0.0, "<TOOL_CALL>" + Valid + "</TOOL_CALL>", false),
        new("final answer with the gold answer", "The capital of France is PARIS.", [], [], [], 0.5, "The capital of France is PARIS.", false),
        new("final answer without it", "I think it is Lyon.", [], [], [], 0.0, "I think it is Lyon.", false),
    ];

    public static IEnumerable<object[]> Ids => All.Select(c => new object[] { c.Id });

    public static MalformedCase Get(string id) => All.Single(c => c.Id == id);
}
