using ToolRL.Conversations;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Sft;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

public sealed class SftExampleBuilderTests
{
    private readonly AtlasEnvironment _env = new();

    [Fact]
    public async Task The_loss_mask_covers_exactly_the_assistant_completions()
    {
        var tokenizer = AtlasTokenizer.Tokenizer;
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-population-Chile");
        var messages = await GoldenTrajectory.BuildAsync(_env, task);
        var template = Qwen3ChatTemplate.Instance;

        var examples = new SftExampleBuilder(tokenizer, template).Build(task.Id, messages, _env.Tools);

        // Qwen3 with thinking off renders the empty think block only in the newest turn: one example per assistant turn.
        var assistantIndices = Enumerable.Range(0, messages.Count).Where(i => messages[i].Role == ChatRoles.Assistant).ToArray();
        Assert.Equal(assistantIndices.Length, examples.Count);
        for (int k = 0; k < examples.Count; k++)
        {
            var expected = template.RenderCompletion(messages.Take(assistantIndices[k]).ToArray(), messages[assistantIndices[k]], _env.Tools, enableThinking: false);
            var e = examples[k];
            string targets = tokenizer.Decode(e.TokenIds.Where((_, i) => e.LossMask[i]));
            string context = tokenizer.Decode(e.TokenIds.Where((_, i) => !e.LossMask[i]));
            Assert.Equal(expected.Completion, targets);
            Assert.Equal(expected.Prompt, context);
            Assert.EndsWith("<|im_end|>", targets);
            // The mask is one contiguous span at the end: context first, then the assistant turn.
            int first = Array.IndexOf(e.LossMask, true);
            Assert.All(e.LossMask[first..], Assert.True);
        }
        Assert.Contains("<tool_call>", tokenizer.Decode(examples[0].TokenIds.Where((_, i) => examples[0].LossMask[i])));
        Assert.Contains("Santiago", tokenizer.Decode(examples[1].TokenIds.Where((_, i) => !examples[1].LossMask[i])));
    }

    [Fact]
    public async Task A_prefix_consistent_template_gives_one_sequence_with_several_masked_spans()
    {
        var tokenizer = AtlasTokenizer.Tokenizer;
        var task = _env.Tasks.Single(t => t.Id == "atlas/capital-population-Chile");
        var messages = await GoldenTrajectory.BuildAsync(_env, task);

        var example = Assert.Single(new SftExampleBuilder(tokenizer, Qwen25ChatTemplate.Instance).Build(task.Id, messages, _env.Tools));

        string expectedTargets = string.Concat(Enumerable.Range(0, messages.Count).Where(i => messages[i].Role == ChatRoles.Assistant)
            .Select(i => Qwen25ChatTemplate.Instance.RenderCompletion(messages.Take(i).ToArray(), messages[i], _env.Tools).Completion));
        Assert.Equal(expectedTargets, tokenizer.Decode(example.TokenIds.Where((_, i) => example.LossMask[i])));
        string full = Qwen25ChatTemplate.Instance.Render(messages, _env.Tools, ChatTemplateOptions.Transcript);
        Assert.Equal(full.TrimEnd('\n'), tokenizer.Decode(example.TokenIds));
        int spans = example.LossMask.Zip(example.LossMask.Skip(1)).Count(p => !p.First && p.Second);
        Assert.Equal(3, spans);
    }

    [Fact]
    public void A_conversation_without_an_assistant_turn_is_rejected()
    {
        var builder = new SftExampleBuilder(AtlasTokenizer.Tokenizer, Qwen3ChatTemplate.Instance);
        var error = Assert.Throws<ArgumentException>(() => builder.Build("q", [ChatMessage.User("hi")], _env.Tools));
        Assert.Contains("no assistant message", error.Message);
    }
}
