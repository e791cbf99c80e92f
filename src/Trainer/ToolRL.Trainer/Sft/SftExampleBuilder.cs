using ToolRL.Conversations;
using ToolRL.Tools;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Sft;

/// <summary>
/// Renders a conversation with a chat template (thinking off for Qwen3 by default) into token sequences whose loss
/// mask covers exactly the assistant turns the model writes: for each assistant message, the template's completion
/// after the generation prompt, through <c>&lt;|im_end|&gt;</c>.
/// </summary>
/// <remarks>
/// When the template renders every earlier turn of the conversation exactly as it was rendered when that turn was
/// the completion (Qwen2.5), the conversation is one sequence with several masked spans. Qwen3 with thinking off
/// renders an empty think block only in the newest assistant turn, so earlier turns look different in later
/// prompts: then each assistant turn is its own example (its prompt exactly as the policy will see it).
/// Each segment (context or completion) is tokenized on its own, as at generation time, where the prompt is
/// encoded and the completion is produced token by token; so mask boundaries fall on token boundaries.
/// </remarks>
public sealed class SftExampleBuilder(QwenTokenizer tokenizer, QwenChatTemplate template, bool? enableThinking = false)
{
    /// <summary>The tokenizer.</summary>
    public QwenTokenizer Tokenizer { get; } = tokenizer;

    /// <summary>
    /// The examples of <paramref name="messages"/>, each a list of (text, is assistant output) segments:
    /// one example when the rendering is prefix-consistent, otherwise one per assistant message.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Text, bool IsTarget)>> Segments(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tools);
        var completions = new List<ChatCompletionText>();
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role == ChatRoles.Assistant)
                completions.Add(template.RenderCompletion(messages.Take(i).ToArray(), messages[i], tools, enableThinking));
        }
        if (completions.Count == 0)
            throw new ArgumentException("The conversation has no assistant message to train on.", nameof(messages));

        var joined = new List<(string, bool)>();
        string rendered = "";
        foreach (var c in completions)
        {
            if (!c.Prompt.StartsWith(rendered, StringComparison.Ordinal))
                return completions.Select(x => (IReadOnlyList<(string, bool)>)[(x.Prompt, false), (x.Completion, true)]).ToArray();
            joined.Add((c.Prompt[rendered.Length..], false));
            joined.Add((c.Completion, true));
            rendered = c.Prompt + c.Completion;
        }
        return [joined];
    }

    /// <summary>Tokenizes the conversation into one or more <see cref="SftExample"/>s (ids suffixed <c>#turn</c> when split).</summary>
    public IReadOnlyList<SftExample> Build(string id, IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition> tools)
    {
        var all = Segments(messages, tools);
        var examples = new List<SftExample>(all.Count);
        for (int k = 0; k < all.Count; k++)
        {
            var ids = new List<int>();
            var mask = new List<bool>();
            foreach (var (text, isTarget) in all[k])
            {
                var tokens = Tokenizer.Encode(text);
                ids.AddRange(tokens);
                mask.AddRange(Enumerable.Repeat(isTarget, tokens.Length));
            }
            var example = new SftExample(all.Count == 1 ? id : $"{id}#{k}", ids.ToArray(), mask.ToArray());
            example.Validate();
            examples.Add(example);
        }
        return examples;
    }
}
