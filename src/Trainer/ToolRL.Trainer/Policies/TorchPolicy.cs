using ToolRL.Parsing;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Policies;

/// <summary>
/// The trainable policy: a TorchSharp Qwen model with its tokenizer and chat template. Each conversation is
/// rendered with the tools and the generation prompt, the batch is sampled with the KV-cache generator, and
/// the text is parsed as Qwen/Hermes tool calls. Turns carry the prompt and response token ids and the
/// sampler's log-probs, which RL trains on.
/// </summary>
/// <remarks>
/// Requests run in batches of at most <see cref="MaxBatchSize"/> rows; batch <c>k</c> (from 0) of a call samples with
/// seed <c>sampling.Seed + k</c>, so a call is reproducible from its seed alone (a resumed run samples as the
/// uninterrupted one did). A prompt longer than <see cref="MaxPromptTokens"/> is not run: its turn is empty text,
/// which the reward rules score as an empty answer, so a runaway conversation ends instead of exhausting memory.
/// </remarks>
public sealed class TorchPolicy : IPolicy
{
    private readonly ChatTemplateOptions _templateOptions;

    /// <summary>Creates a policy over loaded parts.</summary>
    public TorchPolicy(CausalLM model, QwenTokenizer tokenizer, QwenChatTemplate template, ChatTemplateOptions? templateOptions = null, string? name = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        Template = template ?? throw new ArgumentNullException(nameof(template));
        _templateOptions = templateOptions ?? ChatTemplateOptions.Prompt;
        Name = name ?? template.Name;
        if (Model.EndTokenIds.Count == 0)
            Model.EndTokenIds = Tokenizer.EosTokenIds;
        PadTokenId = Tokenizer.PadTokenId ?? Tokenizer.EosTokenIds.FirstOrDefault();
    }

    /// <summary>
    /// Loads an HF folder: weights (<see cref="ModelLoader"/>), tokenizer, and the chat template named by the
    /// tokenizer config (or the model family's when it has none). Prompts are rendered with
    /// <paramref name="templateOptions"/> when given, else with the chat options the checkpoint was trained with
    /// (<see cref="CheckpointChatOptions"/>), else with the template's defaults.
    /// </summary>
    public static TorchPolicy Load(string directory, Device? device = null, ChatTemplateOptions? templateOptions = null)
    {
        if (!File.Exists(Path.Combine(directory, "tokenizer.json")) && Directory.Exists(directory))
            throw new FileNotFoundException(
                $"'{directory}' has no tokenizer.json: a checkpoint for a policy needs its tokenizer files beside the weights", Path.Combine(directory, "tokenizer.json"));
        templateOptions ??= CheckpointChatOptions.Load(directory);
        var model = ModelLoader.Load(directory, device);
        var tokenizer = QwenTokenizer.Load(directory);
        var template = tokenizer.ChatTemplate is { } jinja
            ? QwenChatTemplates.FromJinjaSource(jinja)
            : QwenChatTemplates.ForModelType(model.Config.Family == ModelFamily.Qwen3 ? "qwen3" : "qwen2");
        return new TorchPolicy(model, tokenizer, template, templateOptions, Path.GetFileName(Path.GetFullPath(directory)));
    }

    /// <summary>The model.</summary>
    public CausalLM Model { get; }

    /// <summary>The template variables prompts are rendered with (recorded in checkpoints saved from this policy).</summary>
    public ChatTemplateOptions TemplateOptions => _templateOptions;

    /// <summary>The tokenizer.</summary>
    public QwenTokenizer Tokenizer { get; }

    /// <summary>The chat template.</summary>
    public QwenChatTemplate Template { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The padding id used for batches (the tokenizer's pad token, else its first end token).</summary>
    public int PadTokenId { get; init; }

    /// <summary>Rows generated together.</summary>
    public int MaxBatchSize { get; init; } = 16;

    /// <summary>Longest prompt run, in tokens.</summary>
    public int MaxPromptTokens { get; init; } = 4096;

    /// <summary>Generated tokens so far (for throughput reports).</summary>
    public long GeneratedTokens { get; private set; }

    /// <summary>Prompt tokens processed so far.</summary>
    public long PromptTokens { get; private set; }

    /// <summary>The token ids of a rendered conversation with the generation prompt.</summary>
    public int[] EncodePrompt(PolicyRequest request) =>
        Tokenizer.Encode(Template.Render(request.Messages, request.Tools, _templateOptions));

    /// <inheritdoc/>
    public Task<IReadOnlyList<PolicyTurn>> NextTurnsAsync(
        IReadOnlyList<PolicyRequest> requests, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Generate(requests.Select(EncodePrompt).ToArray(), sampling, cancellationToken));
    }

    /// <summary>The next turn for already encoded prompts (see <see cref="EncodePrompt"/>), in order.</summary>
    public IReadOnlyList<PolicyTurn> Generate(IReadOnlyList<int[]> prompts, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(sampling);
        var turns = new PolicyTurn[prompts.Count];
        var runnable = new List<int>(prompts.Count);
        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Length <= MaxPromptTokens)
                runnable.Add(i);
            else
                turns[i] = new PolicyTurn("", ToolCallParser.ParseHermes(""), new TurnTokens(prompts[i], [], []));
        }
        var end = new HashSet<int>(Model.EndTokenIds);
        var options = new GenerationOptions
        {
            MaxNewTokens = sampling.MaxNewTokens,
            Greedy = sampling.Temperature == 0,
            Temperature = sampling.Temperature == 0 ? 1.0 : sampling.Temperature,
            TopK = sampling.TopK,
            TopP = sampling.TopP,
            PadTokenId = PadTokenId,
            StopTokenIds = Model.EndTokenIds,
        };
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            var batch = 0;
            foreach (var rows in runnable.Chunk(MaxBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var generated = SequenceGenerator.Generate(Model, rows.Select(i => (IReadOnlyList<int>)prompts[i]).ToArray(),
                    options with { Seed = unchecked((sampling.Seed ?? 0) + batch++) }, cancellationToken);
                for (var k = 0; k < rows.Length; k++)
                {
                    var tokens = generated[k].Tokens;
                    // The end token stays in the trained response (the model must learn to stop) but not in the text.
                    var text = Tokenizer.Decode(tokens.Where(t => !end.Contains(t)));
                    turns[rows[k]] = new PolicyTurn(text, ToolCallParser.ParseHermes(text), new TurnTokens(prompts[rows[k]], tokens, generated[k].LogProbs));
                    GeneratedTokens += tokens.Length;
                    PromptTokens += prompts[rows[k]].Length;
                }
            }
        }
        finally
        {
            if (wasTraining)
                Model.train();
        }
        return turns;
    }
}
