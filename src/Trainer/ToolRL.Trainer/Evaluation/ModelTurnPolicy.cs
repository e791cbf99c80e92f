using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Evaluation;

/// <summary>
/// A local <see cref="CausalLM"/> as an <see cref="ITurnPolicy"/>: renders each conversation with the chat template
/// (thinking off by default), encodes it, generates in batches with the KV cache (greedy or sampled, per
/// <see cref="GenerationOptions"/>) and decodes the new tokens up to the end token.
/// </summary>
/// <remarks>
/// A prompt longer than <see cref="MaxPromptTokens"/> is not run; its turn is empty text (which the reward rules
/// score as an empty answer), so a runaway conversation ends instead of exhausting memory.
/// Each call uses seed <c>Options.Seed + call number</c>, so a run is reproducible and calls differ.
/// </remarks>
public sealed class ModelTurnPolicy(CausalLM model, QwenTokenizer tokenizer, QwenChatTemplate template, GenerationOptions options) : ITurnPolicy
{
    private long _calls;

    /// <summary>Qwen3's enable_thinking for the prompts (false: an empty think block is pre-filled).</summary>
    public bool? EnableThinking { get; init; } = false;

    /// <summary>Longest prompt run, in tokens.</summary>
    public int MaxPromptTokens { get; init; } = 4096;

    /// <summary>Rows generated together.</summary>
    public int MaxBatchSize { get; init; } = 16;

    /// <summary>The generation settings.</summary>
    public GenerationOptions Options { get; } = options;

    /// <summary>Generated tokens so far (for throughput reports).</summary>
    public long GeneratedTokens { get; private set; }

    /// <summary>Prompt tokens processed so far.</summary>
    public long PromptTokens { get; private set; }

    /// <summary>Renders and encodes the prompt of a request.</summary>
    public int[] EncodePrompt(TurnRequest request) =>
        tokenizer.Encode(template.Render(request.Messages, request.Tools, new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking)));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<PolicyTurn>> NextTurnsAsync(IReadOnlyList<TurnRequest> requests, CancellationToken cancellationToken = default)
    {
        var prompts = requests.Select(EncodePrompt).ToArray();
        return ValueTask.FromResult(Generate(prompts, cancellationToken));
    }

    /// <summary>Generates the next turn for already encoded prompts.</summary>
    public IReadOnlyList<PolicyTurn> Generate(IReadOnlyList<int[]> prompts, CancellationToken cancellationToken = default)
    {
        var turns = new PolicyTurn[prompts.Count];
        var runnable = Enumerable.Range(0, prompts.Count).Where(i => prompts[i].Length <= MaxPromptTokens).ToArray();
        foreach (int i in Enumerable.Range(0, prompts.Count).Except(runnable))
            turns[i] = new PolicyTurn("", prompts[i], [], []);
        var stop = new HashSet<int>(Options.StopTokenIds ?? model.EndTokenIds);
        model.eval();
        for (int start = 0; start < runnable.Length; start += MaxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = runnable.Skip(start).Take(MaxBatchSize).ToArray();
            var generated = SequenceGenerator.Generate(model, chunk.Select(i => (IReadOnlyList<int>)prompts[i]).ToArray(),
                Options with { Seed = Options.Seed + Interlocked.Increment(ref _calls) });
            for (int k = 0; k < chunk.Length; k++)
            {
                var g = generated[k];
                var text = tokenizer.Decode(g.Tokens.Where(t => !stop.Contains(t)));
                turns[chunk[k]] = new PolicyTurn(text, prompts[chunk[k]], g.Tokens, g.LogProbs);
                GeneratedTokens += g.Tokens.Length;
                PromptTokens += prompts[chunk[k]].Length;
            }
        }
        return turns;
    }
}
