using System.Text;
using ToolRL.Conversations;
using ToolRL.Tools;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The vocabulary shipped inside the Trainer for environment projects that commit none of their own (see
/// <see cref="EmbeddedVocabulary"/>): the real Qwen3
/// tokenizer restricted (by <see cref="RestrictedVocabularyBuilder"/>) to the tokens built by its first
/// <see cref="DefaultMergeCount"/> BPE merges — the most frequent pieces of its training data (common English words
/// and sub-words, JSON punctuation, digits) — plus the chat-template scaffolding. Derived data: regenerate it with
/// <c>dotnet test tests/ToolRL.Trainer.Tests --filter GenericVocabulary</c> after <c>bash .ci/install-fixtures</c>
/// (the test fails when the committed copy differs and writes the fresh one next to it).
/// </summary>
public static class GenericVocabulary
{
    /// <summary>How many of Qwen3's merges (in rank order) the shipped vocabulary covers.</summary>
    public const int DefaultMergeCount = 6000;

    /// <summary>The resource names of the shipped files.</summary>
    public static readonly IReadOnlyList<string> Files = ["tokenizer.json", "tokenizer_config.json"];

    private const string ResourcePrefix = "ToolRL.Trainer.EmbeddedDefault.Vocabulary.";

    /// <summary>The corpus: each of the first <paramref name="mergeCount"/> merge results as text, and a rendered tool conversation.</summary>
    public static IEnumerable<string> Corpus(string fullTokenizerDirectory, int mergeCount = DefaultMergeCount)
    {
        var file = TokenizerJsonFile.Read(Path.Combine(fullTokenizerDirectory, "tokenizer.json"));
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var (left, right) in file.Merges.Take(mergeCount))
        {
            var bytes = new List<byte>();
            if (!ByteLevelAlphabet.TryAppendBytes(left + right, bytes)) continue;
            string text;
            try { text = utf8.GetString(bytes.ToArray()); }
            catch (DecoderFallbackException) { continue; }   // a piece of a multi-byte character
            yield return text;
        }
        var tool = new ToolDefinition("get_item", "Returns an item.", "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"The name.\"}},\"required\":[\"name\"]}");
        yield return Qwen3ChatTemplate.Instance.Render(
            [ChatMessage.User("Question?"), ChatMessage.Assistant(null, [new ToolCall("get_item", "{\"name\":\"a\"}")]), ChatMessage.Tool("get_item", "b"), ChatMessage.Assistant("b")],
            [tool], new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: false));
    }

    /// <summary>Writes the generic restricted tokenizer from the full one to <paramref name="outputDirectory"/>.</summary>
    public static RestrictedVocabulary Generate(string fullTokenizerDirectory, string outputDirectory, int mergeCount = DefaultMergeCount) =>
        RestrictedVocabularyBuilder.Build(fullTokenizerDirectory, Corpus(fullTokenizerDirectory, mergeCount), outputDirectory);

    /// <summary>Copies the shipped files to <paramref name="directory"/> and loads the tokenizer.</summary>
    public static QwenTokenizer Extract(string directory)
    {
        Directory.CreateDirectory(directory);
        var assembly = typeof(GenericVocabulary).Assembly;
        foreach (var name in Files)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"The Trainer assembly lacks its embedded vocabulary file '{name}'.");
            using var file = File.Create(Path.Combine(directory, name));
            stream.CopyTo(file);
        }
        return QwenTokenizer.Load(directory);
    }
}
