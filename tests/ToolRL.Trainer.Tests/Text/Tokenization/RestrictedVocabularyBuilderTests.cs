using System.Text;
using ToolRL.Trainer.Tests.Text.ChatTemplates;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Tests.Text.Tokenization;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>The restricted tokenizer built from the real Qwen3 tokenizer and a corpus of rendered tool conversations.</summary>
public sealed class RestrictedVocabularyBuilderTests(RestrictedVocabularyBuilderTests.Built built) : IClassFixture<RestrictedVocabularyBuilderTests.Built>
{
    /// <summary>The restricted tokenizer, built once for the class (building reads the 11 MB source).</summary>
    public sealed class Built : IDisposable
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("toolrl-restricted-").FullName;
        public RestrictedVocabulary Result { get; }
        public QwenTokenizer Tokenizer { get; }

        public Built()
        {
            Result = RestrictedVocabularyBuilder.Build(TextFixtures.Qwen3Directory, Corpus(), Directory);
            Tokenizer = QwenTokenizer.Load(Directory);
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }

    internal static List<string> Corpus() =>
    [
        .. FixtureConversation.LoadAll().Select(c => Qwen3ChatTemplate.Instance.Render(c.Messages, c.Tools, c.Options)),
        "What will the weather be in the capital of Japan on 2025-05-01?",
        "The capital of France is Paris.",
    ];

    [Fact]
    public void The_corpus_encodes_to_the_same_token_strings_as_with_the_full_tokenizer()
    {
        var corpus = Corpus();
        var full = TextFixtures.Qwen3Tokenizer;
        var (result, small) = (built.Result, built.Tokenizer);

        Assert.Equal(result.VocabularySize, small.VocabularySize);
        Assert.True(small.VocabularySize < 3000, $"restricted vocabulary has {small.VocabularySize} tokens");
        foreach (string text in corpus)
        {
            var expected = full.Encode(text).Select(id => full.IdToToken(id)).ToArray();
            var actual = small.Encode(text).Select(id => small.IdToToken(id)).ToArray();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Ids_are_dense_with_bytes_first_and_added_tokens_last_and_configs_remapped()
    {
        var (result, small) = (built.Result, built.Tokenizer);
        var full = TextFixtures.Qwen3Tokenizer;

        for (int id = 0; id < small.VocabularySize; id++) Assert.NotNull(small.IdToToken(id));
        Assert.Equal("!", small.IdToToken(0));
        Assert.Equal(full.AddedTokens.Count, small.AddedTokens.Count);
        Assert.Equal(result.BpeTokenCount, small.AddedTokens.Min(t => t.Id));
        Assert.Equal(small.VocabularySize - 1, small.AddedTokens.Max(t => t.Id));
        foreach (var t in full.AddedTokens)
        {
            Assert.Equal(result.IdMap[t.Id], small.SpecialTokenId(t.Content));
        }
        // tokenizer_config.json's eos_token is still <|im_end|>, at its new id.
        Assert.Equal([small.SpecialTokenId(QwenSpecialTokens.ImEnd)], small.EosTokenIds);
        Assert.Equal(small.SpecialTokenId(QwenSpecialTokens.EndOfText), small.PadTokenId);
    }

    [Fact]
    public void Unseen_text_still_round_trips()
    {
        var small = built.Tokenizer;
        var random = new Random(7);
        var texts = new List<string> { "Zebra quartz 🦓 — ünïcödé 東京 𠀀 𝒳 \u0000\u0001 \r\n\t end", "<|im_start|>user\nnew words<|im_end|>" };
        for (int i = 0; i < 300; i++) texts.Add(RandomText(random));
        foreach (string text in texts)
        {
            Assert.Equal(text.Normalize(NormalizationForm.FormC), small.Decode(small.Encode(text)));
        }
    }

    // Random code points from ASCII, Latin-1, CJK, emoji and astral letters: mostly tokens the corpus never saw.
    private static string RandomText(Random random)
    {
        int[][] ranges = [[0x20, 0x7E], [0xA0, 0x24F], [0x4E00, 0x9FFF], [0x1F300, 0x1F6FF], [0x1D400, 0x1D7FF], [0x09, 0x0D]];
        var sb = new StringBuilder();
        int length = random.Next(1, 40);
        for (int i = 0; i < length; i++)
        {
            var r = ranges[random.Next(ranges.Length)];
            sb.Append(char.ConvertFromUtf32(random.Next(r[0], r[1] + 1)));
        }
        return sb.ToString();
    }
}
