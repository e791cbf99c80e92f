using ToolRL.Conversations;
using ToolRL.Tools;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

public sealed class ChatTemplateTests
{
    public static TheoryData<string> Templates => new() { "qwen3", "qwen2.5" };

    private static QwenChatTemplate Template(string name) => name == "qwen3" ? Qwen3ChatTemplate.Instance : Qwen25ChatTemplate.Instance;

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_completion_of_every_fixture_assistant_turn_continues_its_prompt(string name)
    {
        var template = Template(name);
        int checkedTurns = 0;
        foreach (var c in FixtureConversation.LoadAll())
        {
            for (int i = 0; i < c.Messages.Count; i++)
            {
                var message = c.Messages[i];
                if (message.Role != ChatRoles.Assistant) continue;
                var history = c.Messages.Take(i).ToList();
                var split = template.RenderCompletion(history, message, c.Tools);
                string whole = template.Render([.. history, message], c.Tools, ChatTemplateOptions.Transcript);
                Assert.Equal(whole, split.Prompt + split.Completion + "\n");
                Assert.EndsWith("<|im_end|>", split.Completion);
                Assert.Equal(template.Render(history, c.Tools), split.Prompt);
                foreach (var call in message.ToolCalls ?? [])
                {
                    Assert.Contains(template.FormatToolCall(call), split.Completion);
                }
                checkedTurns++;
            }
        }
        Assert.True(checkedTurns >= 30, $"only {checkedTurns} assistant turns in the fixtures");
    }

    [Fact]
    public void Qwen3_completion_starts_with_the_think_block_and_omits_it_when_the_prompt_prefills_it()
    {
        var history = new[] { ChatMessage.User("Capital of Japan?") };
        var tools = new[] { new ToolDefinition("get_capital", "Capital of a country.", "{\"type\":\"object\",\"properties\":{\"country\":{\"type\":\"string\"}}}") };
        var turn = ChatMessage.Assistant(null, [new ToolCall("get_capital", "{\"country\":\"日本\"}")], reasoning: "Use the tool.");

        var thinking = Qwen3ChatTemplate.Instance.RenderCompletion(history, turn, tools);
        Assert.Equal("<think>\nUse the tool.\n</think>\n\n<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"日本\"}}\n</tool_call><|im_end|>", thinking.Completion);

        var plain = ChatMessage.Assistant("Tokyo.");
        var noThinking = Qwen3ChatTemplate.Instance.RenderCompletion(history, plain, tools, enableThinking: false);
        Assert.EndsWith("<|im_start|>assistant\n<think>\n\n</think>\n\n", noThinking.Prompt);
        Assert.Equal("Tokyo.<|im_end|>", noThinking.Completion);

        // Reasoning cannot follow a prompt that pre-filled an empty think block: refused, not silently dropped.
        Assert.Throws<InvalidOperationException>(() => Qwen3ChatTemplate.Instance.RenderCompletion(history, turn, tools, enableThinking: false));
    }

    [Fact]
    public void Qwen25_completion_is_content_then_calls()
    {
        var turn = ChatMessage.Assistant("Looking it up.", [new ToolCall("a", "{}"), new ToolCall("b", "{\"x\":[1,2]}")]);
        var split = Qwen25ChatTemplate.Instance.RenderCompletion([ChatMessage.User("Hi")], turn);
        Assert.Equal("Looking it up.\n<tool_call>\n{\"name\": \"a\", \"arguments\": {}}\n</tool_call>\n<tool_call>\n{\"name\": \"b\", \"arguments\": {\"x\": [1, 2]}}\n</tool_call><|im_end|>", split.Completion);
        Assert.StartsWith("<|im_start|>system\n" + Qwen25ChatTemplate.DefaultSystem + "<|im_end|>\n", split.Prompt);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Bad_input_is_refused_with_a_message_naming_it(string name)
    {
        var template = Template(name);
        var role = Assert.Throws<ArgumentException>(() => template.Render([new ChatMessage("developer", "x")]));
        Assert.Contains("developer", role.Message);
        var args = Assert.Throws<ArgumentException>(() => template.Render([ChatMessage.User("q"), ChatMessage.Assistant(null, [new ToolCall("get_weather", "{city: Paris}")])]));
        Assert.Contains("get_weather", args.Message);
        Assert.Throws<ArgumentException>(() => template.RenderCompletion([ChatMessage.User("q")], ChatMessage.User("not an assistant turn")));
        var misplaced = Assert.Throws<ArgumentException>(() => template.Render([new ChatMessage(ChatRoles.User, "q", [new ToolCall("f", "{}")])]));
        Assert.Contains("only assistant messages", misplaced.Message);
    }

    [Fact]
    public void The_template_is_recognised_from_the_checkpoints_jinja_source()
    {
        string qwen3 = TextFixtures.Qwen3Tokenizer.ChatTemplate ?? throw new InvalidOperationException("the Qwen3 fixture has no chat_template");
        Assert.Same(Qwen3ChatTemplate.Instance, QwenChatTemplates.FromJinjaSource(qwen3));
        string qwen25 = File.ReadAllText(Path.Combine(TextFixtures.SourceDirectory, "qwen2_5-instruct.chat_template.jinja"));
        Assert.Same(Qwen25ChatTemplate.Instance, QwenChatTemplates.FromJinjaSource(qwen25));
        Assert.Throws<NotSupportedException>(() => QwenChatTemplates.FromJinjaSource("{% for m in messages %}{{ m.content }}{% endfor %}"));
        Assert.Same(Qwen3ChatTemplate.Instance, QwenChatTemplates.ForModelType("qwen3"));
        Assert.Same(Qwen25ChatTemplate.Instance, QwenChatTemplates.ForModelType("qwen2"));
        Assert.Throws<NotSupportedException>(() => QwenChatTemplates.ForModelType("llama"));
    }
}
