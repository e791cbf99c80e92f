using ToolRL.Samples.Catalog;
using ToolRL.Trainer.EmbeddedDefault;

namespace ToolRL.Samples.Tests.Training;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

/// <summary>
/// The samples' committed vocabulary (samples/ToolRL.Samples/Vocabulary), which the embedded default always uses, is
/// exactly what the real Qwen3 tokenizer (the npm fixture in .cache/text-fixtures/qwen3) restricted to the samples'
/// texts gives.
/// </summary>
public sealed class SamplesVocabularyTests
{
    private static readonly string[] Files = ["tokenizer.json", "tokenizer_config.json"];

    /// <summary>With TOOLRL_UPDATE_VOCABULARY=1 the test rewrites the committed files (the regeneration command).</summary>
    [Fact]
    public async Task The_committed_vocabulary_is_the_real_tokenizer_restricted_to_the_samples_texts()
    {
        string root = RepositoryRoot();
        string full = Path.Combine(root, ".cache", "text-fixtures", "qwen3");
        Assert.True(File.Exists(Path.Combine(full, "tokenizer.json")),
            $"{full}/tokenizer.json missing: run `bash .ci/install-fixtures` (the test project's build runs it).");
        string committed = Path.Combine(root, "samples", "ToolRL.Samples", "Vocabulary");
        var fresh = Directory.CreateTempSubdirectory("toolrl-vocab-");
        try
        {
            var corpus = await EmbeddedVocabulary.CorpusAsync(new EmbeddedDefaultOptions(), SampleEnvironments.All);
            EmbeddedVocabulary.Build(full, corpus, fresh.FullName);
            if (Environment.GetEnvironmentVariable("TOOLRL_UPDATE_VOCABULARY") == "1")
                foreach (var name in Files)
                    File.Copy(Path.Combine(fresh.FullName, name), Path.Combine(committed, name), overwrite: true);
            foreach (var name in Files)
                Assert.True(File.ReadAllBytes(Path.Combine(fresh.FullName, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(committed, name))),
                    $"samples/ToolRL.Samples/Vocabulary/{name} differs from the rebuilt one; run TOOLRL_UPDATE_VOCABULARY=1 dotnet test tests/ToolRL.Samples.Tests --filter SamplesVocabulary");
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_job_uses_the_committed_vocabulary_with_no_tokenizer_lookup()
    {
        // The samples' output folder carries the committed files; the job takes them whatever else the machine has.
        Assert.NotNull(EmbeddedVocabulary.LocateProjectVocabulary());
        var output = Directory.CreateTempSubdirectory("toolrl-vocab-");
        try
        {
            var (tokenizer, description) = await EmbeddedVocabulary.ResolveAsync(new EmbeddedDefaultOptions(), SampleEnvironments.All, output.FullName);
            Assert.Contains("committed vocabulary", description);
            string committed = Path.Combine(RepositoryRoot(), "samples", "ToolRL.Samples", "Vocabulary", "tokenizer.json");
            Assert.Equal(File.ReadAllBytes(committed), File.ReadAllBytes(Path.Combine(output.FullName, "tokenizer.json")));
            Assert.Equal(tokenizer.VocabularySize, Trainer.Text.Tokenization.QwenTokenizer.Load(Path.GetDirectoryName(committed)!).VocabularySize);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ToolRL.Sdk.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No ToolRL.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
