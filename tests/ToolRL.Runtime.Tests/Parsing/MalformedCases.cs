using ToolRL.Tools;
using static ToolRL.Tools.ToolOutcome;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>
/// The table of malformed (and a few well-formed reference) tool-call texts. The parse (call names, content)
/// and the reward of every row are the reference's: FTRL's <c>compute_solve_f1</c> (reward_score/tool.py) with
/// <c>parse_qwen</c> (utils/parse_output.py), run with python3 on these exact texts, with tools that answer as
/// the test world does. The one row where the reference crashes says so. Outcomes and feedback texts are this
/// SDK's own (the reference's are Python exception messages).
/// </summary>
public static class MalformedCases
{
    private const string Valid = """{"name": "get_capital", "arguments": {"country": "France"}}""";

    private static string Block(string json) => $"<tool_call>\n{json}\n</tool_call>";

    // Every block dropped: content is the whole stripped text, which holds the tag (reward −0.3).
    private static MalformedCase Dropped(string id, string text) =>
        new(id, text, [], [], [], StepRewardMalformedValue, null, true);

    private const double StepRewardMalformedValue = -0.3;

    private static MalformedCase OneCall(string id, string text, string name, ToolOutcome outcome, string feedback, double reward, string? content = "") =>
        new(id, text, [name], [outcome], [feedback], reward, content, content is not null && content.Contains("<tool_call>"));

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    public static readonly IReadOnlyList<MalformedCase> All =
    [
        // Reference points: well-formed calls.
        OneCall("valid call solves", Block(Valid), "get_capital", Ok, "Paris", 1.0),
        OneCall("valid call, wrong country", Block("""{"name": "get_capital", "arguments": {"country": "Japan"}}"""), "get_capital", Ok, "Tokyo", 0.0),
        OneCall("no newlines inside the block", $"<tool_call>{Valid}</tool_call>", "get_capital", Ok, "Paris", 1.0),
        OneCall("content before the block", "Let me look that up.\n" + Block(Valid), "get_capital", Ok, "Paris", 1.0, "Let me look that up."),
        // A think block is plain text to parse_qwen: it stays in the content before the first block.
        OneCall("think then call", "<think>\nI need the capital.\n</think>\n\n" + Block(Valid), "get_capital", Ok, "Paris", 1.0, "<think>\nI need the capital.\n</think>"),

        // Truncated or invalid JSON: json.loads raises, the block is dropped, the turn is a malformed call.
        Dropped("truncated JSON", Block("""{"name": "get_capital", "arguments": {"country": "Fra""")),
        Dropped("truncated JSON, unclosed block", """<tool_call>\n{"name": "get_capital", "arguments": {"coun"""),
        // split(end_tool) leaves the unclosed final piece, which still starts with <tool_call>: it parses.
        OneCall("valid JSON, unclosed final block", "<tool_call>\n" + Valid, "get_capital", Ok, "Paris", 1.0),
        OneCall("unclosed block before the end-of-turn token", "<tool_call>\n" + Valid + "<|im_end|>", "get_capital", Ok, "Paris", 1.0),
        Dropped("single-quoted Python dict", Block("{'name': 'get_capital', 'arguments': {'country': 'France'}}")),
        Dropped("trailing comma", Block("""{"name": "get_capital", "arguments": {"country": "France",}}""")),
        Dropped("comment inside JSON", Block("""{"name": "get_capital", /* why */ "arguments": {"country": "France"}}""")),
        Dropped("two objects in one block", Block(Valid + Valid)),
        Dropped("markdown fence inside the block", Block("```json\n" + Valid + "\n```")),
        Dropped("array of calls", Block("[" + Valid + "]")),
        Dropped("empty block", "<tool_call></tool_call>"),
        Dropped("integer literal over 4300 digits", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": " + new string('9', 4301) + "}}")),
        Dropped("raw control character in a string", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": \"Fr\tance\"}}")),

        // Wrong nesting and the tag's lstrip, which removes a set of characters, not a prefix.
        OneCall("nested tool_call tags", "<tool_call>" + Block(Valid) + "</tool_call>", "get_capital", Ok, "Paris", 1.0),
        OneCall("doubled opening tag", "<tool_call><tool_call>" + Valid + "</tool_call>", "get_capital", Ok, "Paris", 1.0),
        Dropped("doubled opening tag on its own line", "<tool_call>\n<tool_call>\n" + Valid + "\n</tool_call>"),
        OneCall("letters of the tag's character set before the JSON", "<tool_call>tool" + Valid + "</tool_call>", "get_capital", Ok, "Paris", 1.0),
        Dropped("OpenAI function wrapper", Block("""{"type": "function", "function": {"name": "get_capital", "arguments": {"country": "France"}}}""")),
        Dropped("name holds the call", Block("""{"name": {"get_capital": {"country": "France"}}}""")),

        // Several blocks: each piece after a closing tag must itself start with the opening tag.
        new("several blocks, one broken", Block(Valid) + "\n" + Block("{\"name\": \"get_capital\", ") + "\n" + Block("""{"name": "get_capital", "arguments": {"country": "Japan"}}"""),
            ["get_capital", "get_capital"], [Ok, Ok], ["Paris", "Tokyo"], 2.0 / 3, "", false),
        Dropped("several blocks, all broken", Block("{") + Block("[]") + Block("\"get_capital\"")),
        new("the same call twice solves once", Block(Valid) + Block(Valid),
            ["get_capital", "get_capital"], [Ok, Ok], ["Paris", "Paris"], 2.0 / 3, "", false),
        new("a throwing tool among good calls", Block("""{"name": "fail", "arguments": {"message": "boom"}}""") + Block(Valid),
            ["fail", "get_capital"], [ToolError, Ok], ["an error occured when call fail: boom", "Paris"], 2.0 / 3, "", false),
        OneCall("text between two blocks drops the second", Block(Valid) + "\nand then\n" + Block("""{"name": "get_capital", "arguments": {"country": "Japan"}}"""),
            "get_capital", Ok, "Paris", 1.0),

        // Names: `if tool_call.get("name", None)` keeps any truthy name.
        Dropped("missing name", Block("""{"arguments": {"country": "France"}}""")),
        Dropped("empty name", Block("""{"name": "", "arguments": {}}""")),
        Dropped("name is zero", Block("""{"name": 0, "arguments": {}}""")),
        Dropped("name is null", Block("""{"name": null, "arguments": {"country": "France"}}""")),
        OneCall("name is a number", Block("""{"name": 7, "arguments": {"country": "France"}}"""), "7", UnknownTool, "no tool named '7'", 0.0),
        OneCall("name is true", Block("""{"name": true, "arguments": {}}"""), "True", UnknownTool, "no tool named 'True'", 0.0),
        // The reference crashes here (a list is unhashable in unsolved_set.get); the call fails as an unknown tool instead.
        OneCall("name is a list", Block("""{"name": ["get_capital"], "arguments": {"country": "France"}}"""), "[\"get_capital\"]", UnknownTool, "no tool named", 0.0),
        OneCall("unknown tool", Block("""{"name": "get_population", "arguments": {"country": "France"}}"""),
            "get_population", UnknownTool, "an error occured when call get_population: no tool named 'get_population' is available", 0.0),
        OneCall("tool name in another case", Block("""{"name": "Get_Capital", "arguments": {"country": "France"}}"""),
            "Get_Capital", UnknownTool, "no tool named 'Get_Capital'", 0.0),
        OneCall("a repeated name takes the last value", Block("""{"name": "get_weather", "name": "get_capital", "arguments": {"country": "France"}}"""),
            "get_capital", Ok, "Paris", 1.0),
        OneCall("escaped lone surrogate in the name", Block("""{"name": "get_capital\ud800", "arguments": {}}"""),
            "get_capital\ud800", UnknownTool, "no tool named", 0.0),

        // Arguments: a dict is kept; a str is json.loads-ed again; anything else raises and drops the block.
        OneCall("arguments as a JSON string holding an object", Block("""{"name": "get_capital", "arguments": "{\"country\": \"France\"}"}"""),
            "get_capital", Ok, "Paris", 1.0),
        Dropped("arguments as a plain string", Block("""{"name": "get_capital", "arguments": "France"}""")),
        Dropped("arguments as a string holding broken JSON", Block("""{"name": "get_capital", "arguments": "{\"country\": "}""")),
        Dropped("arguments as an array", Block("""{"name": "get_capital", "arguments": ["France"]}""")),
        Dropped("arguments as a number", Block("""{"name": "get_capital", "arguments": 42}""")),
        Dropped("arguments missing", Block("""{"name": "get_capital"}""")),
        Dropped("arguments null", Block("""{"name": "get_capital", "arguments": null}""")),
        OneCall("arguments as a string holding an array", Block("""{"name": "get_capital", "arguments": "[\"France\"]"}"""),
            "get_capital", InvalidArguments, "arguments must be a JSON object", 0.0),
        OneCall("arguments as a string holding null", Block("""{"name": "get_capital", "arguments": "null"}"""),
            "get_capital", InvalidArguments, "arguments must be a JSON object", 0.0),
        OneCall("argument of the wrong type", Block("""{"name": "get_capital", "arguments": {"country": 42}}"""),
            "get_capital", InvalidArguments, "argument 'country' must be a string", 0.0),
        OneCall("unexpected extra argument", Block("""{"name": "get_capital", "arguments": {"country": "France", "year": 2020}}"""),
            "get_capital", InvalidArguments, "unexpected argument 'year'; the arguments are 'country'", 0.0),
        OneCall("a repeated argument takes the last value", Block("""{"name": "get_capital", "arguments": {"country": "Japan", "country": "France"}}"""),
            "get_capital", Ok, "Paris", 1.0),
        OneCall("NaN argument", Block("""{"name": "get_capital", "arguments": {"country": NaN}}"""),
            "get_capital", InvalidArguments, "arguments must be a JSON object", 0.0),

        // Unicode.
        OneCall("unicode argument", Block("""{"name": "get_capital", "arguments": {"country": "Côte d’Ivoire 🌍"}}"""),
            "get_capital", Ok, "no capital known for Côte d’Ivoire 🌍", 0.0),
        OneCall("unicode escape in argument", Block("""{"name": "get_capital", "arguments": {"country": "Fr\u0061nce"}}"""),
            "get_capital", Ok, "Paris", 1.0),
        // Python's json takes a raw lone surrogate in a string; the call goes to the tool, which cannot use it.
        OneCall("lone surrogate in the block", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": \"\uD800\"}}"),
            "get_capital", ToolError, "an error occured when call get_capital", 0.0),
        OneCall("escaped lone surrogate", Block("""{"name": "echo", "arguments": {"text": "a\uD800b"}}"""),
            "echo", ToolError, "an error occured when call echo", 0.0),

        // Size and depth.
        OneCall("1 MB payload over the arguments limit", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": \"" + new string('x', 1 << 20) + "\"}}"),
            "get_capital", InvalidArguments, "the arguments are longer than the environment's limit", 0.0),
        OneCall("half-MB argument, output cut", Block("{\"name\": \"echo\", \"arguments\": {\"text\": \"" + new string('y', 1 << 19) + "\"}}"),
            "echo", Ok, "[output truncated: 524288 characters, showing the first 16384]", 0.0),
        OneCall("arguments nested 100 deep", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": " + Nested(100) + "}}"),
            "get_capital", InvalidArguments, "arguments must be a JSON object", 0.0),
        OneCall("nesting within the dispatcher's depth bound", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": " + Nested(40) + "}}"),
            "get_capital", InvalidArguments, "argument 'country' must be a string", 0.0),
        Dropped("nesting past Python's recursion limit", Block("{\"name\": \"get_capital\", \"arguments\": {\"country\": " + Nested(1200) + "}}")),

        // The reward's clean-up: strip, one <|endoftext|>, strip, one <|im_end|>, strip.
        OneCall("end-of-turn token after the block", Block(Valid) + "<|im_end|>", "get_capital", Ok, "Paris", 1.0),
        new("answer then both end tokens", "Paris<|im_end|><|endoftext|>", [], [], [], 0.5, "Paris", false),
        new("end tokens in the other order", "Paris<|endoftext|><|im_end|>", [], [], [], 0.5, "Paris<|endoftext|>", false),
        new("end-of-text token alone", " <|endoftext|> ", [], [], [], -0.5, "", false),

        // Think blocks are text: a gold answer inside one is a final answer, a tag inside one is markup.
        new("think block only", "<think>I should call get_capital.</think>", [], [], [], 0.0, "<think>I should call get_capital.</think>", false),
        new("unclosed think block", "<think>I should call get_capital with France and then", [], [], [], 0.0, null, false),
        new("gold answer only inside the think block", "<think>It is Paris, I think.</think>\nI am not sure.", [], [], [], 0.5, null, false),
        OneCall("call inside the think block only", "<think>" + Block(Valid) + "</think>", "get_capital", Ok, "Paris", 1.0, "<think>"),
        Dropped("think block mentioning the tag before a real call", "<think>I will write <tool_call> next.</think>\n" + Block(Valid)),

        // No parsed call.
        new("empty text", "", [], [], [], -0.5, "", false),
        new("whitespace only", " \n\t ", [], [], [], -0.5, "", false),
        new("Python whitespace only", "\u001c\u3000\u2028", [], [], [], -0.5, "", false),
        Dropped("stray closing tag beside the answer", "Paris</tool_call>"),
        Dropped("tool_parsed_response tag", "<tool_parsed_response>Paris"),
        new("upper-case tags are plain text", "<TOOL_CALL>" + Valid + "</TOOL_CALL>", [], [], [], 0.0, "<TOOL_CALL>" + Valid + "</TOOL_CALL>", false),
        new("final answer with the gold answer", "The capital of France is PARIS.", [], [], [], 0.5, "The capital of France is PARIS.", false),
        new("final answer without it", "I think it is Lyon.", [], [], [], 0.0, "I think it is Lyon.", false),
        new("dotted capital I lower-cases to two code points", "PARİS", [], [], [], 0.0, "PARİS", false),
    ];

    public static IEnumerable<object[]> Ids => All.Select(c => new object[] { c.Id });

    public static MalformedCase Get(string id) => All.Single(c => c.Id == id);
}
