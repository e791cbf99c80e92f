using ToolRL.Conversations;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>
/// RL tokenizes prompt and completion separately; that must give the same ids as tokenizing the whole text,
/// or the log-probs of a response would be computed on tokens the model never sees at inference.
/// </summary>
public sealed class CompletionTokenBoundaryTests
{
    [Theory]
    [InlineData("qwen3")]
    [InlineData("qwen2.5")]
    public void Prompt_and_completion_tokenize_separately_as_together(string name)
    {
        QwenChatTemplate template = name == "qwen3" ? Qwen3ChatTemplate.Instance : Qwen25ChatTemplate.Instance;
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        int checkedTurns = 0;
        foreach (var c in FixtureConversation.LoadAll())
        {
            for (int i = 0; i < c.Messages.Count; i++)
            {
                if (c.Messages[i].Role != ChatRoles.Assistant) continue;
                foreach (bool? thinking in new bool?[] { null, false })
                {
                    if (thinking == false && (c.Messages[i].Reasoning is not null || c.Messages[i].Content?.Contains("</think>") == true)) continue;
                    var split = template.RenderCompletion(c.Messages.Take(i).ToList(), c.Messages[i], c.Tools, thinking);
                    // A completion that starts with whitespace (content "\n\n  answer", rendered as is by Qwen2.5)
                    // continues the prompt's final "\n" token, so no split can hold there; the fixtures have such
                    // turns for the strip('\n') parity cases.
                    if (char.IsWhiteSpace(split.Completion[0])) continue;
                    int[] together = tokenizer.Encode(split.Prompt + split.Completion);
                    int[] apart = [.. tokenizer.Encode(split.Prompt), .. tokenizer.Encode(split.Completion)];
                    Assert.True(together.SequenceEqual(apart), $"{c.Name}, turn {i}, enable_thinking={thinking}: the token boundary moves");
                    checkedTurns++;
                }
            }
        }
        Assert.True(checkedTurns >= 30);
    }
}
