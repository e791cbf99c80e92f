using ToolRL.Parsing;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Parsing;

/// <summary>
/// The parser's rules, each stated as FTRL's <c>parse_qwen</c> (Code/utils/parse_output.py) decides it; the
/// expected values were checked by running that function with python3 on the same texts.
/// </summary>
public sealed class ToolCallParserTests
{
    [Fact]
    public void Several_blocks_keep_order_and_dumped_arguments_and_the_content_before_the_first()
    {
        // content = inputs[:start].strip(); arguments = json.dumps(tool_call['arguments'], ensure_ascii=False).
        var text = "Checking both.\n<tool_call>\n{\"name\": \"a\", \"arguments\": {\"x\":1}}\n</tool_call>\n" +
                   "<tool_call>\n{\"name\": \"b\", \"arguments\": {\"y\":[1,2.50,-0,1e400]}}\n</tool_call>";
        var turn = ToolCallParser.ParseHermes(text);
        Assert.Equal("Checking both.", turn.Content);
        Assert.Null(turn.Reasoning);
        Assert.Equal([new ToolCall("a", "{\"x\": 1}"), new ToolCall("b", "{\"y\": [1, 2.5, 0, Infinity]}")], turn.ToolCalls);
        Assert.False(turn.HasToolCallMarkup);
    }

    [Fact]
    public void A_think_block_is_content_to_the_reference()
    {
        // parse_qwen has no think handling: with no <tool_call>, content = inputs.strip().
        var turn = ToolCallParser.ParseHermes("  <think>\n step one \n</think>\n\nThe answer is 4.");
        Assert.Null(turn.Reasoning);
        Assert.Equal("<think>\n step one \n</think>\n\nThe answer is 4.", turn.Content);
    }

    [Fact]
    public void A_tag_mentioned_while_thinking_starts_the_scan_and_the_turn_is_malformed()
    {
        // start = inputs.find('<tool_call>') finds the mention; its piece holds the real block too and is not JSON.
        var turn = ToolCallParser.ParseHermes("<think>I could write <tool_call> here.</think>\n<tool_call>{\"name\": \"a\", \"arguments\": {}}</tool_call>");
        Assert.Empty(turn.ToolCalls);
        Assert.True(turn.HasToolCallMarkup);
    }

    [Fact]
    public void Separate_thinking_is_an_option_that_takes_the_think_block_out()
    {
        var options = new HermesParserOptions { SeparateThinking = true };
        var turn = ToolCallParser.ParseHermes("<think>I could write <tool_call> here.</think>\n<tool_call>{\"name\": \"a\", \"arguments\": {}}</tool_call>", options);
        Assert.Equal("I could write <tool_call> here.", turn.Reasoning);
        Assert.Equal([new ToolCall("a", "{}")], turn.ToolCalls);
        var opened = ToolCallParser.ParseHermes("reasoning here</think>\nParis", options);
        Assert.Equal("reasoning here", opened.Reasoning);
        Assert.Equal("Paris", opened.Content);
        var after = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": {}}</tool_call> then </think>", options);
        Assert.Null(after.Reasoning);
        Assert.Single(after.ToolCalls);
    }

    [Fact]
    public void One_tool_only_keeps_the_first_piece_alone()
    {
        // tool_calls = tool_calls[:1]: the first piece only, even when it does not parse.
        var two = "<tool_call>{\"name\": \"a\", \"arguments\": {}}</tool_call><tool_call>{\"name\": \"b\", \"arguments\": {}}</tool_call>";
        Assert.Equal(["a"], ToolCallParser.ParseHermes(two, new HermesParserOptions { OneToolOnly = true }).ToolCalls.Select(c => c.Name));
        var brokenFirst = "<tool_call>{</tool_call><tool_call>{\"name\": \"b\", \"arguments\": {}}</tool_call>";
        Assert.Empty(ToolCallParser.ParseHermes(brokenFirst, new HermesParserOptions { OneToolOnly = true }).ToolCalls);
        Assert.Single(ToolCallParser.ParseHermes(brokenFirst).ToolCalls);
    }

    [Fact]
    public void Missing_or_null_arguments_drop_the_block()
    {
        // tool_call['arguments'] raises KeyError; json.loads(None) raises TypeError: the except drops the block.
        Assert.Empty(ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\"}</tool_call>").ToolCalls);
        Assert.Empty(ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": null}</tool_call>").ToolCalls);
    }

    [Fact]
    public void String_arguments_are_parsed_again_and_any_json_value_goes()
    {
        // if type(arguments) != dict: arguments = json.loads(arguments)
        var unwrapped = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": \" {\\\"k\\\":\\\"v\\\"} \"}</tool_call>");
        Assert.Equal("{\"k\": \"v\"}", unwrapped.ToolCalls[0].ArgumentsJson);
        var list = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": \"[1]\"}</tool_call>");
        Assert.Equal("[1]", list.ToolCalls[0].ArgumentsJson);
        Assert.Empty(ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": 3.5}</tool_call>").ToolCalls);
        Assert.Empty(ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": \"France\"}</tool_call>").ToolCalls);
    }

    [Fact]
    public void When_no_block_survives_the_whole_stripped_text_is_content()
    {
        // if output['tool_calls'] is None: output['content'] = inputs.strip()
        var turn = ToolCallParser.ParseHermes("<think>t</think> Intro <tool_call>{bad}</tool_call> outro ");
        Assert.Equal("<think>t</think> Intro <tool_call>{bad}</tool_call> outro", turn.Content);
        Assert.Empty(turn.ToolCalls);
        Assert.True(turn.HasToolCallMarkup);
    }

    [Fact]
    public void Null_text_is_an_empty_turn()
    {
        var turn = ToolCallParser.ParseHermes(null);
        Assert.Equal(string.Empty, turn.Content);
        Assert.False(turn.HasToolCalls);
        Assert.False(turn.HasToolCallMarkup);
    }

    [Fact]
    public void Many_blocks_in_a_large_text_all_parse()
    {
        var block = "<tool_call>\n{\"name\": \"a\", \"arguments\": {\"i\": 1}}\n</tool_call>\n";
        var turn = ToolCallParser.ParseHermes(string.Concat(Enumerable.Repeat(block, 5000)));
        Assert.Equal(5000, turn.ToolCalls.Count);
    }

    [Fact]
    public void OpenAi_calls_keep_ids_and_get_empty_objects_for_blank_or_null_arguments()
    {
        // chat_close: missing/empty arguments, or arguments whose json.loads is None, become "{}".
        ToolCall[] calls = [new("a", "", "call_1"), new("b", "{\"x\":1}", "call_2"), new("c", " null ", "call_3"), new(null!, "{}", "call_4")];
        var turn = ToolCallParser.FromOpenAi("  Sure.  ", calls, reasoning: "r");
        Assert.Equal("Sure.", turn.Content);
        Assert.Equal("r", turn.Reasoning);
        Assert.Equal([new ToolCall("a", "{}", "call_1"), new ToolCall("b", "{\"x\":1}", "call_2"), new ToolCall("c", "{}", "call_3"), new ToolCall("", "{}", "call_4")], turn.ToolCalls);
        Assert.False(turn.HasToolCallMarkup);
    }

    [Fact]
    public void OpenAi_message_without_calls_detects_markup_in_content()
    {
        var turn = ToolCallParser.FromOpenAi("<tool_call>{\"name\": \"a\"", null);
        Assert.False(turn.HasToolCalls);
        Assert.True(turn.HasToolCallMarkup);
        Assert.Equal(string.Empty, ToolCallParser.FromOpenAi(null, []).Content);
    }

    [Fact]
    public void Other_properties_are_ignored_escaped_keys_match_and_arguments_are_dumped_as_python_does()
    {
        var turn = ToolCallParser.ParseHermes(
            "<tool_call>{\"id\": {\"a\": [1, {\"name\": 2}]}, \"na\\u006de\": \"get\", \"arguments\": {\"city\": \"Côte 🌍\", \"n\": [1,2], \"q\": \"a\\\"b\\\\c\\u0001\"}}</tool_call>");
        Assert.Equal([new ToolCall("get", "{\"city\": \"Côte 🌍\", \"n\": [1, 2], \"q\": \"a\\\"b\\\\c\\u0001\"}")], turn.ToolCalls);
    }

    [Fact]
    public void A_repeated_name_takes_the_last_value()
    {
        // json.loads keeps the last of duplicate keys; a falsy last name drops the block.
        var turn = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"name\": \"b\", \"arguments\": {}}</tool_call>");
        Assert.Equal("b", turn.ToolCalls[0].Name);
        Assert.Empty(ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"name\": \"\", \"arguments\": {}}</tool_call>").ToolCalls);
    }

    [Fact]
    public void A_block_longer_than_any_small_buffer_parses()
    {
        var big = new string('é', 5000);
        var turn = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"echo\", \"arguments\": {\"text\": \"" + big + "\"}}</tool_call>");
        Assert.Equal("{\"text\": \"" + big + "\"}", turn.ToolCalls[0].ArgumentsJson);
    }

    [Fact]
    public void Lone_surrogates_raw_or_escaped_never_throw_and_are_kept()
    {
        // Python's json keeps lone surrogates in strings; the dumped arguments escape them (no UTF-8 form).
        var escapedName = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"get_capital\\ud800\", \"arguments\": {}}</tool_call>");
        Assert.Equal("get_capital\ud800", escapedName.ToolCalls[0].Name);
        var raw = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"echo\", \"arguments\": {\"text\": \"a\ud800b\udc00\"}}</tool_call>");
        Assert.Equal("{\"text\": \"a\\ud800b\\udc00\"}", raw.ToolCalls[0].ArgumentsJson);
        var pair = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"echo\", \"arguments\": {\"text\": \"\\ud83c\\udf0d\"}}</tool_call>");
        Assert.Equal("{\"text\": \"🌍\"}", pair.ToolCalls[0].ArgumentsJson);
    }

    [Fact]
    public void Parsing_large_blocks_keeps_no_memory_afterwards()
    {
        // The parser holds no pooled or static buffers: after 40 MB blocks are dropped, their memory is collectable.
        static void ParseBig()
        {
            var block = "<tool_call>{\"name\": \"echo\", \"arguments\": {\"text\": \"" + new string('z', 40 << 20) + "\"}}</tool_call>";
            Assert.Single(ToolCallParser.ParseHermes(block).ToolCalls);
        }
        ParseBig();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 4; i++)
            ParseBig();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 16 << 20, $"{(after - before) >> 20} MiB still held after four 40 MB blocks");
    }
}
