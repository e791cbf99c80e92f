using FsCheck.Xunit;
using ToolRL.Rewards;

namespace ToolRL.Runtime.Tests.Rewards;

public sealed class AnswerVerifierTests
{
    [Theory]
    [InlineData("The capital is Paris.", "Paris", true)]
    [InlineData("PARIS", "paris", true)]                    // case
    [InlineData("1000 people", "1,000", true)]              // commas deleted from gold
    [InlineData("1,000 people", "1000", true)]              // and from the output
    [InlineData("Paris and Tokyo", "Paris, Tokyo", true)]   // ", " splits gold into parts
    [InlineData("Tokyo, then Paris", "Paris, Tokyo", true)] // parts in any order
    [InlineData("Paris only", "Paris, Tokyo", false)]       // every part must occur
    [InlineData("a b", "a,b", false)]                       // "," alone does not split: gold becomes "ab"
    [InlineData("ab", "a,b", true)]
    [InlineData("anything", "", true)]                      // Python: "" in s
    [InlineData("  x  ", " X ", true)]                      // stripped
    [InlineData("Lyon", "Paris", false)]
    public void Verify_follows_the_reference(string output, string gold, bool expected) =>
        Assert.Equal(expected, AnswerVerifier.Verify(output, gold));

    [Theory]
    [InlineData("Paris, Tokyo.", "Paris, Tokyo", true)]
    [InlineData("Paris and Tokyo", "Paris, Tokyo", false)]  // the final check does not split
    [InlineData("SUNNY 21 C rain 15 C", "Sunny 21 C, Rain 15 C", true)]
    public void ContainsAnswer_uses_the_whole_gold_answer(string output, string gold, bool expected) =>
        Assert.Equal(expected, AnswerVerifier.ContainsAnswer(output, gold));

    [Fact]
    public void Normalize_lowercases_deletes_commas_and_trims() =>
        Assert.Equal("a b c", AnswerVerifier.Normalize("  A, B, C \n"));

    private static string Clean(string? s) => new((s ?? "").Where(c => !char.IsSurrogate(c)).ToArray());

    [Property]
    public bool Output_embedding_the_gold_answer_always_verifies(string prefix, string gold, string suffix)
    {
        var g = Clean(gold);
        var output = Clean(prefix) + g + Clean(suffix);
        return AnswerVerifier.Verify(output, g) && AnswerVerifier.ContainsAnswer(output, g);
    }
}
