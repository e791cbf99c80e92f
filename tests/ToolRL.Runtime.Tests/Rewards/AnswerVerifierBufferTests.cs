using System.Text;
using ToolRL.Rewards;

namespace ToolRL.Runtime.Tests.Rewards;

/// <summary>The verifier's stack-buffer path for ASCII text against its string path (Python's full lower-casing).</summary>
public sealed class AnswerVerifierBufferTests
{
    private const string Alphabet = "aAbBzZ,, ,\t\n\u001c\u001f0123.-";

    [Fact]
    public void On_random_ascii_text_the_buffer_path_decides_as_the_string_path()
    {
        var random = new Random(16);
        int matched = 0, missed = 0;
        for (var n = 0; n < 20_000; n++)
        {
            // Gold drawn from the output's own pieces half the time, so that both outcomes occur often.
            var output = Text(random, random.Next(n % 50 == 0 ? 400 : 24)); // some longer than the stack buffer
            var gold = random.Next(2) == 0 && output.Length > 0
                ? output[random.Next(output.Length)..]
                : Text(random, random.Next(6));
            if (random.Next(3) == 0)
                gold = gold + ", " + Text(random, random.Next(4));
            var expected = AnswerVerifier.VerifyText(output, gold);
            Assert.Equal(expected, AnswerVerifier.Verify(output, gold));
            Assert.Equal(AnswerVerifier.Normalize(output).Contains(AnswerVerifier.Normalize(gold), StringComparison.Ordinal),
                AnswerVerifier.ContainsAnswer(output, gold));
            if (expected)
                matched++;
            else
                missed++;
        }
        Assert.InRange(matched, 2_000, 20_000);
        Assert.InRange(missed, 2_000, 20_000);
    }

    private static string Text(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            sb.Append(Alphabet[random.Next(Alphabet.Length)]);
        return sb.ToString();
    }
}
