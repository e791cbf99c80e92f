using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.EmbeddedDefault;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

public sealed class GenericVocabularyTests
{
    private static string Committed => Path.Combine(TextFixtures.RepositoryRoot, "src", "Trainer", "ToolRL.Trainer", "EmbeddedDefault", "Vocabulary");

    /// <summary>
    /// The shipped vocabulary is what <see cref="GenericVocabulary.Generate"/> makes from the real Qwen3 tokenizer.
    /// With TOOLRL_UPDATE_VOCABULARY=1 the test rewrites the committed files (the documented regeneration command).
    /// </summary>
    [Fact]
    public void The_shipped_vocabulary_is_generated_from_the_real_qwen3_tokenizer()
    {
        using var dir = new TempDirectory();
        GenericVocabulary.Generate(TextFixtures.Qwen3Directory, dir.Path);
        if (Environment.GetEnvironmentVariable("TOOLRL_UPDATE_VOCABULARY") == "1")
        {
            Directory.CreateDirectory(Committed);
            foreach (var name in GenericVocabulary.Files)
                File.Copy(dir[name], Path.Combine(Committed, name), overwrite: true);
        }
        foreach (var name in GenericVocabulary.Files)
        {
            Assert.True(File.ReadAllBytes(dir[name]).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Committed, name))),
                $"{name} differs from the generated one; run TOOLRL_UPDATE_VOCABULARY=1 dotnet test tests/ToolRL.Trainer.Tests --filter GenericVocabulary");
        }
    }

    [Fact]
    public void The_shipped_vocabulary_loads_and_encodes_like_the_full_tokenizer()
    {
        using var dir = new TempDirectory();
        var shipped = GenericVocabulary.Extract(dir.Path);
        var full = TextFixtures.Qwen3Tokenizer;
        const string text = "<|im_start|>user\nWhat is the weather in the capital of Japan on 2025-05-01?<|im_end|>\n<tool_call>\n{\"name\": \"get_forecast\"}\n</tool_call>";

        Assert.InRange(shipped.VocabularySize, 1000, 20000);
        Assert.Equal(text, shipped.Decode(shipped.Encode(text)));
        // The most common words are whole tokens, as in the full tokenizer; rarer ones split into a few pieces, never bytes.
        Assert.Equal(full.Encode("What is the name of").Length, shipped.Encode("What is the name of").Length);
        Assert.InRange(shipped.Encode("What is the weather in the capital").Length, 7, 12);
        Assert.NotNull(shipped.TokenToId("<|im_end|>"));
    }
}
