using System.Text;
using Microsoft.ML.Tokenizers;

namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// A Qwen2/2.5/3 tokenizer loaded from an HF <c>tokenizer.json</c>: added tokens are cut out first, the text
/// between them is NFC-normalized, split by Qwen's pre-tokenizer and encoded by Microsoft.ML.Tokenizers'
/// byte-level BPE. Ids equal HF's <c>tokenizer.encode(text, add_special_tokens=False)</c>.
/// </summary>
public sealed class QwenTokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly AddedTokenSplitter _splitter;
    private readonly bool _nfc;
    private readonly string?[] _idToToken;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly Dictionary<string, AddedToken> _addedByContent;

    private QwenTokenizer(TokenizerJsonFile file, TokenizerConfigFile config)
    {
        _nfc = file.NormalizeNfc;
        AddedTokens = file.AddedTokens.OrderBy(t => t.Id).ToArray();
        _addedById = AddedTokens.ToDictionary(t => t.Id);
        _addedByContent = AddedTokens.ToDictionary(t => t.Content, StringComparer.Ordinal);
        _splitter = new AddedTokenSplitter(AddedTokens);
        _bpe = BpeTokenizer.Create(new BpeOptions(file.Vocabulary)
        {
            Merges = file.Merges.Select(m => m.Left + " " + m.Right),
            ByteLevel = true,
            PreTokenizer = QwenPreTokenizer.Instance,
        });

        VocabularySize = Math.Max(file.Vocabulary.Values.DefaultIfEmpty(-1).Max(), AddedTokens.Select(t => t.Id).DefaultIfEmpty(-1).Max()) + 1;
        _idToToken = new string?[VocabularySize];
        foreach (var (token, id) in file.Vocabulary) _idToToken[id] = token;
        foreach (var t in AddedTokens) _idToToken[t.Id] = t.Content;

        ChatTemplate = config.ChatTemplate;
        PadTokenId = config.PadToken is null ? null : RequireToken(config.PadToken, "pad_token");
        var eos = new List<int>();
        if (config.EosToken is not null) eos.Add(RequireToken(config.EosToken, "eos_token"));
        foreach (int id in config.GenerationEosIds)
        {
            if (id < 0 || id >= VocabularySize) throw new InvalidDataException($"generation_config.json: eos_token_id {id} is outside the vocabulary (size {VocabularySize}).");
            if (!eos.Contains(id)) eos.Add(id);
        }
        // Without configs, fall back to the end-of-turn token every Qwen chat model stops on.
        if (eos.Count == 0 && TokenToId(QwenSpecialTokens.ImEnd) is int imEnd) eos.Add(imEnd);
        EosTokenIds = eos;
    }

    /// <summary>
    /// Loads <c>tokenizer.json</c> from <paramref name="directory"/>, with <c>tokenizer_config.json</c> and
    /// <c>generation_config.json</c> when present (EOS, padding, chat template).
    /// </summary>
    public static QwenTokenizer Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Tokenizer directory not found: {directory}");
        string? Optional(string name) => File.Exists(Path.Combine(directory, name)) ? Path.Combine(directory, name) : null;
        return FromFiles(Path.Combine(directory, "tokenizer.json"), Optional("tokenizer_config.json"), Optional("generation_config.json"));
    }

    /// <summary>Loads from explicit file paths; the two config files are optional.</summary>
    public static QwenTokenizer FromFiles(string tokenizerJsonPath, string? tokenizerConfigPath = null, string? generationConfigPath = null) =>
        new(TokenizerJsonFile.Read(tokenizerJsonPath), TokenizerConfigFile.Read(tokenizerConfigPath, generationConfigPath));

    /// <summary>Builds the tokenizer from an already-read tokenizer.json (saves a second parse of a large file).</summary>
    internal static QwenTokenizer Create(TokenizerJsonFile file, TokenizerConfigFile config) => new(file, config);

    /// <summary>One more than the largest token id (vocabulary plus added tokens); the model's embedding may be larger.</summary>
    public int VocabularySize { get; }

    /// <summary>The added tokens (special or not), by id.</summary>
    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>Ids that end generation: <c>eos_token</c> of tokenizer_config plus generation_config's <c>eos_token_id</c>s.</summary>
    public IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>The padding token's id, when tokenizer_config names one.</summary>
    public int? PadTokenId { get; }

    /// <summary>The Jinja chat template of tokenizer_config.json, when present (informational: rendering is in C#).</summary>
    public string? ChatTemplate { get; }

    /// <summary>
    /// Encodes <paramref name="text"/> to ids; added tokens written in the text become their ids. Never throws on
    /// a string: a lone surrogate encodes as U+FFFD and non-characters (U+FFFE, …) as their UTF-8 bytes, as HF's
    /// tokenizers do.
    /// </summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = UnicodeSanitizer.ReplaceLoneSurrogates(text);
        var ids = new List<int>(text.Length / 3 + 4);
        foreach (var (piece, token) in _splitter.Split(text))
        {
            if (token is not null) { ids.Add(token.Id); continue; }
            string normalized = _nfc ? UnicodeSanitizer.NormalizeNfc(piece!) : piece!;
            ids.AddRange(_bpe.EncodeToIds(normalized, considerPreTokenization: true, considerNormalization: false));
        }
        return ids.ToArray();
    }

    /// <summary>
    /// Decodes ids to text. Byte sequences that are not valid UTF-8 (e.g. a cut multi-byte character) become
    /// U+FFFD, as HF's <c>errors="replace"</c>.
    /// </summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (_addedById.TryGetValue(id, out var added))
            {
                Flush();
                if (!(skipSpecialTokens && added.Special)) text.Append(added.Content);
                continue;
            }
            string token = id >= 0 && id < _idToToken.Length ? _idToToken[id] ?? throw UnknownId(id) : throw UnknownId(id);
            if (!ByteLevelAlphabet.TryAppendBytes(token, bytes))
                throw new InvalidDataException($"Token {id} ('{token}') is not a byte-level token.");
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (bytes.Count == 0) return;
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    /// <summary>The id of a vocabulary or added token written exactly as in tokenizer.json, or null.</summary>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_addedByContent.TryGetValue(token, out var added)) return added.Id;
        return _bpe.Vocabulary.TryGetValue(token, out int id) ? id : null;
    }

    /// <summary>The token string of an id (byte-level form for BPE tokens), or null when no token has it.</summary>
    public string? IdToToken(int id) => id >= 0 && id < _idToToken.Length ? _idToToken[id] : null;

    /// <summary>The id of an added token such as <c>&lt;|im_end|&gt;</c>; throws if the tokenizer lacks it.</summary>
    public int SpecialTokenId(string content) =>
        _addedByContent.TryGetValue(content, out var t)
            ? t.Id
            : throw new KeyNotFoundException($"The tokenizer has no added token '{content}'.");

    private int RequireToken(string token, string setting) =>
        TokenToId(token) ?? throw new InvalidDataException($"tokenizer_config.json: {setting} '{token}' is not a token of tokenizer.json.");

    private static ArgumentOutOfRangeException UnknownId(int id) => new(nameof(id), id, $"Token id {id} is not in the vocabulary.");
}
