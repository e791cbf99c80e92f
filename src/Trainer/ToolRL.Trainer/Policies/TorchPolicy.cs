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
    }

    /// <summary>
    /// Loads an HF folder: weights (<see cref="ModelLoader"/>), tokenizer, and the chat template named by the
    /// tokenizer config (or the model family's when it has none).
    /// </summary>
    public static TorchPolicy Load(string directory, Device? device = null, ChatTemplateOptions? templateOptions = null)
    {
        var model = ModelLoader.Load(directory, device);
        var tokenizer = QwenTokenizer.Load(directory);
        var template = tokenizer.ChatTemplate is { } jinja
            ? QwenChatTemplates.FromJinjaSource(jinja)
            : QwenChatTemplates.ForModelType(model.Config.Family == ModelFamily.Qwen3 ? "qwen3" : "qwen2");
        return new TorchPolicy(model, tokenizer, template, templateOptions, Path.GetFileName(Path.GetFullPath(directory)));
    }

    /// <summary>The model.</summary>
    public CausalLM Model { get; }

    /// <summary>The tokenizer.</summary>
    public QwenTokenizer Tokenizer { get; }

    /// <summary>The chat template.</summary>
    public QwenChatTemplate Template { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The padding id used for batches.</summary>
    public int PadTokenId => Tokenizer.PadTokenId ?? Tokenizer.EosTokenIds.FirstOrDefault();

    /// <summary>The token ids of a rendered conversation with the generation prompt.</summary>
    public int[] EncodePrompt(PolicyRequest request) =>
        Tokenizer.Encode(Template.Render(request.Messages, request.Tools, _templateOptions));

    /// <inheritdoc/>
    public Task<IReadOnlyList<PolicyTurn>> NextTurnsAsync(
        IReadOnlyList<PolicyRequest> requests, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (requests.Count == 0)
            return Task.FromResult<IReadOnlyList<PolicyTurn>>([]);
        var prompts = requests.Select(EncodePrompt).ToArray();
        var options = new GenerationOptions
        {
            MaxNewTokens = sampling.MaxNewTokens,
            Greedy = sampling.Temperature == 0,
            Temperature = sampling.Temperature == 0 ? 1.0 : sampling.Temperature,
            TopK = sampling.TopK,
            TopP = sampling.TopP,
            Seed = sampling.Seed ?? 0,
            PadTokenId = PadTokenId,
        };
        var wasTraining = Model.training;
        Model.eval();
        IReadOnlyList<GeneratedSequence> generated;
        try
        {
            generated = SequenceGenerator.Generate(Model, prompts, options);
        }
        finally
        {
            if (wasTraining)
                Model.train();
        }

        var end = new HashSet<int>(Model.EndTokenIds);
        var turns = new PolicyTurn[requests.Count];
        for (var i = 0; i < turns.Length; i++)
        {
            var tokens = generated[i].Tokens;
            // The end token stays in the trained response (the model must learn to stop) but not in the text.
            var textTokens = tokens.Length > 0 && end.Contains(tokens[^1]) ? tokens[..^1] : tokens;
            var text = Tokenizer.Decode(textTokens);
            turns[i] = new PolicyTurn(text, ToolCallParser.ParseHermes(text), new TurnTokens(prompts[i], tokens, generated[i].LogProbs));
        }
        return Task.FromResult<IReadOnlyList<PolicyTurn>>(turns);
    }
}
