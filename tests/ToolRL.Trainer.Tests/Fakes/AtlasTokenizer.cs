using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Tests.Text;
using ToolRL.Trainer.Text.ChatTemplates;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Tests.Fakes;

/// <summary>The real Qwen3 tokenizer restricted to the atlas environment's golden conversations, built once per test run.</summary>
internal static class AtlasTokenizer
{
    private static readonly Lazy<QwenTokenizer> Instance = new(Build);

    public static QwenTokenizer Tokenizer => Instance.Value;

    private static QwenTokenizer Build()
    {
        var env = new AtlasEnvironment();
        var conversations = env.Tasks.Select(t => (GoldenTrajectory.BuildAsync(env, t).GetAwaiter().GetResult(), env.Tools)).ToArray();
        string dir = Path.Combine(Path.GetTempPath(), "toolrl-atlas-tokenizer-" + Guid.NewGuid().ToString("N"));
        var (tokenizer, _) = EmbeddedVocabulary.Build(TextFixtures.Qwen3Directory, EmbeddedVocabulary.Corpus(conversations, Qwen3ChatTemplate.Instance), dir);
        return tokenizer;
    }
}
