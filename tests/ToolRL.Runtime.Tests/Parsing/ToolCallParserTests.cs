using ToolRL.Parsing;
using ToolRL.Tools;

namespace ToolRL.Runtime.Tests.Parsing;

public sealed class ToolCallParserTests
{
    [Fact]
    public void Several_blocks_keep_order_arguments_and_the_content_before_the_first()
    {
        var text = "Checking both.\n<tool_call>\n{\"name\": \"a\", \"arguments\": {\"x\": 1}}\n</tool_call>\nmiddle text\n" +
                   "<tool_call>\n{\"name\": \"b\", \"arguments\": {\"y\": [1, 2]}}\n</tool_call>";
        var turn = ToolCallParser.ParseHermes(text);
        Assert.Equal("Checking both.", turn.Content);
        Assert.Null(turn.Reasoning);
        Assert.Equal([new ToolCall("a", "{\"x\": 1}"), new ToolCall("b", "{\"y\": [1, 2]}")], turn.ToolCalls);
        Assert.True(turn.HasToolCalls);
        Assert.True(turn.HasToolCallMarkup);
    }

    [Fact]
    public void Leading_think_block_goes_to_reasoning()
    {
        var turn = ToolCallParser.ParseHermes("  <think>\n step one \n</think>\n\nThe answer is 4.");
        Assert.Equal("step one", turn.Reasoning);
        Assert.Equal("The answer is 4.", turn.Content);
        Assert.False(turn.HasToolCallMarkup);
    }

    [Fact]
    public void A_think_block_opened_by_the_template_is_closed_by_its_end_tag()
    {
        var turn = ToolCallParser.ParseHermes("reasoning here</think>\n<tool_call>\n{\"name\": \"a\"}\n</tool_call>");
        Assert.Equal("reasoning here", turn.Reasoning);
        Assert.Equal(string.Empty, turn.Content);
        Assert.Single(turn.ToolCalls);
    }

    [Fact]
    public void An_end_think_tag_after_a_tool_call_is_not_reasoning()
    {
        var turn = ToolCallParser.ParseHermes("<tool_call>\n{\"name\": \"a\"}\n</tool_call> then </think>");
        Assert.Null(turn.Reasoning);
        Assert.Single(turn.ToolCalls);
    }

    [Fact]
    public void Tool_call_tags_mentioned_inside_reasoning_are_not_markup()
    {
        var turn = ToolCallParser.ParseHermes("<think>I could write <tool_call> here.</think>Paris.");
        Assert.False(turn.HasToolCallMarkup);
        Assert.Equal("Paris.", turn.Content);
    }

    [Fact]
    public void Missing_or_null_arguments_become_an_empty_object()
    {
        Assert.Equal("{}", ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\"}</tool_call>").ToolCalls[0].ArgumentsJson);
        Assert.Equal("{}", ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": null}</tool_call>").ToolCalls[0].ArgumentsJson);
    }

    [Fact]
    public void String_arguments_holding_an_object_are_unwrapped_others_kept_as_json()
    {
        var unwrapped = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": \" {\\\"k\\\": \\\"v\\\"} \"}</tool_call>");
        Assert.Equal("{\"k\": \"v\"}", unwrapped.ToolCalls[0].ArgumentsJson);
        var kept = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": \"[1]\"}</tool_call>");
        Assert.Equal("\"[1]\"", kept.ToolCalls[0].ArgumentsJson);
        var number = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"arguments\": 3.5}</tool_call>");
        Assert.Equal("3.5", number.ToolCalls[0].ArgumentsJson);
    }

    [Fact]
    public void When_no_block_survives_the_whole_text_outside_think_is_content()
    {
        var turn = ToolCallParser.ParseHermes("<think>t</think> Intro <tool_call>{bad}</tool_call> outro ");
        Assert.Equal("Intro <tool_call>{bad}</tool_call> outro", turn.Content);
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
    public void OpenAi_calls_keep_ids_and_get_empty_objects_for_blank_arguments()
    {
        ToolCall[] calls = [new("a", "", "call_1"), new("b", "{\"x\":1}", "call_2")];
        var turn = ToolCallParser.FromOpenAi("  Sure.  ", calls, reasoning: "r");
        Assert.Equal("Sure.", turn.Content);
        Assert.Equal("r", turn.Reasoning);
        Assert.Equal([new ToolCall("a", "{}", "call_1"), new ToolCall("b", "{\"x\":1}", "call_2")], turn.ToolCalls);
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
    public void Other_properties_are_skipped_escaped_keys_match_and_arguments_keep_their_exact_text()
    {
        var turn = ToolCallParser.ParseHermes(
            "<tool_call>{\"id\": {\"a\": [1, {\"name\": 2}]}, \"na\\u006de\": \"get\", \"arguments\": {\"city\": \"Côte 🌍\", \"n\": [1,2]}}</tool_call>");
        Assert.Equal([new ToolCall("get", "{\"city\": \"Côte 🌍\", \"n\": [1,2]}")], turn.ToolCalls);
    }

    [Fact]
    public void A_repeated_name_takes_the_last_value()
    {
        var turn = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"name\": \"b\"}</tool_call>");
        Assert.Equal("b", turn.ToolCalls[0].Name);
        var dropped = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"a\", \"name\": 1}</tool_call>");
        Assert.Empty(dropped.ToolCalls);
    }

    [Fact]
    public void A_block_longer_than_the_stack_buffer_parses()
    {
        var big = new string('é', 5000);
        var turn = ToolCallParser.ParseHermes("<tool_call>{\"name\": \"echo\", \"arguments\": {\"text\": \"" + big + "\"}}</tool_call>");
        Assert.Equal("{\"text\": \"" + big + "\"}", turn.ToolCalls[0].ArgumentsJson);
    }
}
