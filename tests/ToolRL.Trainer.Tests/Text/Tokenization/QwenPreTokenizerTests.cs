using System.Text;
using System.Text.RegularExpressions;
using ToolRL.Trainer.Text.Tokenization;

namespace ToolRL.Trainer.Tests.Text.Tokenization;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

public sealed class QwenPreTokenizerTests
{
    private static string[] Pieces(string text) =>
        QwenPreTokenizer.Split(text).Select(p => text.Substring(p.Offset, p.Length)).ToArray();

    [Theory]
    [InlineData("Hello world", new[] { "Hello", " world" })]
    [InlineData("I'm fine, they'll go", new[] { "I", "'m", " fine", ",", " they", "'ll", " go" })]
    [InlineData("x  \n\n  y", new[] { "x", "  \n\n", " ", " y" })]
    [InlineData("a   b", new[] { "a", "  ", " b" })]
    [InlineData("12345", new[] { "1", "2", "3", "4", "5" })]
    [InlineData(" {\"a\": [1]}\n", new[] { " {\"", "a", "\":", " [", "1", "]}\n" })]
    [InlineData("end  ", new[] { "end", "  " })]
    public void Splits_like_the_pattern(string text, string[] expected) => Assert.Equal(expected, Pieces(text));

    [Fact]
    public void Letters_outside_the_basic_plane_are_letters()
    {
        // .NET's Regex would see surrogates here, not letters; the reference engines see letters.
        Assert.Equal([" 𝒳𝒴", " 𠀀x"], Pieces(" 𝒳𝒴 𠀀x"));
        Assert.Equal(["𝟙"], Pieces("𝟙")); // a mathematical digit: \p{N}, one piece per code point
    }

    [Fact]
    public void Agrees_with_the_regex_on_random_basic_plane_text()
    {
        // On BMP text .NET's Regex implements the pattern exactly (its \s equals Unicode White_Space), so it is
        // an independent oracle for the scanner.
        var regex = new Regex(QwenPreTokenizer.Pattern, RegexOptions.CultureInvariant);
        string pool = "aZéßЖ東ひ한 \t\n\r\u00a0\u3000\u2028.,'!?-_{}[]\"':;0١٢½Ⅻ#$%&*+/\\<>|~`sStTmMdDrReEvVlL";
        var random = new Random(11);
        for (int n = 0; n < 2000; n++)
        {
            var sb = new StringBuilder();
            int length = random.Next(1, 24);
            for (int i = 0; i < length; i++) sb.Append(pool[random.Next(pool.Length)]);
            string text = sb.ToString();
            var expected = regex.Matches(text).Select(m => m.Value).ToArray();
            Assert.Equal(string.Concat(expected), text);
            Assert.Equal(expected, Pieces(text));
        }
    }
}
