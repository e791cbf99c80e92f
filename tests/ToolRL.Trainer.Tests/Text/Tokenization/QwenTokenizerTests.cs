using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Tests.Text.Tokenization;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

public sealed class QwenTokenizerTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("toolrl-tok-").FullName;

    [Fact]
    public void Added_tokens_have_the_ids_that_tokenizer_config_lists()
    {
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        using var config = TextFixtures.ReadJson(Path.Combine(TextFixtures.Qwen3Directory, "tokenizer_config.json"));
        var listed = config.RootElement.GetProperty("added_tokens_decoder").EnumerateObject().ToList();
        Assert.NotEmpty(listed);
        foreach (var entry in listed)
        {
            string content = entry.Value.GetProperty("content").GetString()!;
            Assert.Equal(int.Parse(entry.Name), tokenizer.SpecialTokenId(content));
            Assert.Equal([int.Parse(entry.Name)], tokenizer.Encode(content));
        }
        Assert.Equal(listed.Count, tokenizer.AddedTokens.Count);
        Assert.Equal(listed.Max(e => int.Parse(e.Name)) + 1, tokenizer.VocabularySize);
    }

    [Fact]
    public void Encoding_never_throws_on_arbitrary_utf16()
    {
        // Seeded random code units over the whole UTF-16 range (lone surrogates, non-characters, combining marks,
        // added-token text); the reference ids for such strings are in the parity fixtures, this checks only that
        // nothing throws and that what comes back is well-formed text.
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        var rng = new Random(20251202);
        string[] pieces = ["\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u0301", "<|im_end|>", " ", "\n", "a", "東"];
        for (int n = 0; n < 2000; n++)
        {
            var chars = new char[rng.Next(1, 24)];
            for (int i = 0; i < chars.Length; i++) chars[i] = rng.Next(4) == 0 ? pieces[rng.Next(pieces.Length)][0] : (char)rng.Next(0x10000);
            string text = new(chars);
            int[] ids = tokenizer.Encode(text);
            Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabularySize - 1));
            string decoded = tokenizer.Decode(ids);
            for (int i = 0; i < decoded.Length; i++)
                if (char.IsSurrogate(decoded[i]))
                    Assert.True(char.IsHighSurrogate(decoded[i]) && i + 1 < decoded.Length && char.IsLowSurrogate(decoded[++i]), $"lone surrogate in {text}");
        }
    }

    [Fact]
    public void Eos_comes_from_tokenizer_config_and_generation_config()
    {
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        Assert.Equal([tokenizer.SpecialTokenId(QwenSpecialTokens.ImEnd)], tokenizer.EosTokenIds);
        Assert.Equal(tokenizer.SpecialTokenId(QwenSpecialTokens.EndOfText), tokenizer.PadTokenId);

        TinyQwenTokenizerFiles.Write(_temp);
        var tiny = QwenTokenizer.Load(_temp);
        int imEnd = tiny.SpecialTokenId(QwenSpecialTokens.ImEnd), endOfText = tiny.SpecialTokenId(QwenSpecialTokens.EndOfText);
        Assert.Equal([imEnd], tiny.EosTokenIds);
        File.WriteAllText(Path.Combine(_temp, "generation_config.json"), $"{{\"eos_token_id\": [{imEnd}, {endOfText}]}}");
        Assert.Equal([imEnd, endOfText], QwenTokenizer.Load(_temp).EosTokenIds);
        File.WriteAllText(Path.Combine(_temp, "generation_config.json"), "{\"eos_token_id\": 99999}");
        Assert.Contains("99999", Assert.Throws<InvalidDataException>(() => QwenTokenizer.Load(_temp)).Message);
    }

    [Fact]
    public void A_tiny_tokenizer_applies_its_merges_and_round_trips_any_text()
    {
        int size = TinyQwenTokenizerFiles.Write(_temp, [("h", "e"), ("l", "l"), ("he", "ll"), ("Ġ", "w")]);
        var tiny = QwenTokenizer.Load(_temp);
        Assert.Equal(256 + 4 + TinyQwenTokenizerFiles.AddedTokens.Count, size);
        Assert.Equal(size, tiny.VocabularySize);
        Assert.Equal(["hell", "o", "Ġw", "o", "r", "l", "d"], tiny.Encode("hello world").Select(id => tiny.IdToToken(id)));
        const string text = "<|im_start|>user\n東京 😀 é\t<tool_call><|im_end|>";
        Assert.Equal(text, tiny.Decode(tiny.Encode(text)));
        Assert.Throws<ArgumentException>(() => TinyQwenTokenizerFiles.Write(_temp, [("x", "yz")]));
    }

    [Fact]
    public void Decode_can_skip_special_tokens_but_keeps_tool_markup()
    {
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        const string text = "<|im_start|>assistant\n<tool_call>\n{\"name\": \"x\"}\n</tool_call><|im_end|>";
        var ids = tokenizer.Encode(text);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.Equal("assistant\n<tool_call>\n{\"name\": \"x\"}\n</tool_call>", tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void A_cut_multibyte_character_decodes_to_the_replacement_character()
    {
        var tokenizer = TextFixtures.Qwen3Tokenizer;
        var ids = tokenizer.Encode("𠀀"); // CJK extension B: not one token in Qwen's vocabulary
        Assert.True(ids.Length > 1, "the character should span several byte-level tokens");
        Assert.Equal("\uFFFD", tokenizer.Decode(ids[..1]));
    }

    [Fact]
    public void Unknown_ids_are_rejected_with_the_id_in_the_message()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TextFixtures.Qwen3Tokenizer.Decode([1, 999_999]));
        Assert.Contains("999999", e.Message);
        Assert.Throws<KeyNotFoundException>(() => TextFixtures.Qwen3Tokenizer.SpecialTokenId("<|no_such_token|>"));
    }

    [Fact]
    public void Bad_tokenizer_files_give_errors_that_name_the_problem()
    {
        Assert.Throws<FileNotFoundException>(() => QwenTokenizer.FromFiles(Path.Combine(_temp, "missing.json")));

        string broken = Path.Combine(_temp, "broken.json");
        File.WriteAllText(broken, "{\"model\": {");
        Assert.Contains("not valid JSON", Assert.Throws<ToolRL.IO.InvalidFileException>(() => QwenTokenizer.FromFiles(broken)).Message);

        string wordPiece = Path.Combine(_temp, "wordpiece.json");
        File.WriteAllText(wordPiece, "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        Assert.Contains("WordPiece", Assert.Throws<NotSupportedException>(() => QwenTokenizer.FromFiles(wordPiece)).Message);

        // A Qwen file with another split pattern: we would not reproduce it, so it is refused.
        TinyQwenTokenizerFiles.Write(_temp);
        string json = File.ReadAllText(Path.Combine(_temp, "tokenizer.json"));
        Assert.Contains("(?i:'s|'t|", json);
        File.WriteAllText(Path.Combine(_temp, "tokenizer.json"), json.Replace("(?i:'s|'t|", "(?i:'t|"));
        Assert.Contains("split pattern", Assert.Throws<NotSupportedException>(() => QwenTokenizer.Load(_temp)).Message);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
