namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>
/// Cuts text at occurrences of added tokens (leftmost, then longest), as HF tokenizers do before normalizing
/// and pre-tokenizing; the pieces between them go through BPE.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens.Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    /// <summary>Yields (text piece, null) for ordinary text and (null, token) for each added token.</summary>
    public IEnumerable<(string? Text, AddedToken? Token)> Split(string text)
    {
        int pieceStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            var match = MatchAt(text, i);
            if (match is null) { i++; continue; }
            if (i > pieceStart) yield return (text[pieceStart..i], null);
            yield return (null, match);
            i += match.Content.Length;
            pieceStart = i;
        }
        if (pieceStart < text.Length) yield return (text[pieceStart..], null);
    }

    private AddedToken? MatchAt(string text, int i)
    {
        if (!_byFirstChar.TryGetValue(text[i], out var candidates)) return null;
        foreach (var token in candidates)
        {
            if (string.CompareOrdinal(text, i, token.Content, 0, token.Content.Length) == 0) return token;
        }
        return null;
    }
}
