using System.Text.RegularExpressions;
using ToolRL.Samples.Scenarios.Library;
using ToolRL.Samples.Scenarios.Shop;
using ToolRL.Samples.Scenarios.Travel;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Catalog;

/// <summary>
/// Automatic task composition renders the tools' phrase templates into questions, so every phrase must be a
/// noun phrase whose holes are the tool's parameters and which names every required one.
/// </summary>
public partial class ToolPhraseTests
{
    public static TheoryData<string> Tools => new(Signatures.Select(s => s.Name));

    private static IEnumerable<ToolSignature> Signatures =>
        TravelScenario.Instance.Signatures.Concat(ShopScenario.Instance.Signatures).Concat(LibraryScenario.Instance.Signatures);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Hole();

    [Theory]
    [MemberData(nameof(Tools))]
    public void The_phrase_starts_a_noun_phrase_and_its_holes_are_exactly_named_parameters(string tool)
    {
        var signature = Signatures.Single(s => s.Name == tool);
        Assert.False(string.IsNullOrWhiteSpace(signature.Phrase), $"{tool} has no phrase");
        Assert.StartsWith("the ", signature.Phrase);

        var holes = Hole().Matches(signature.Phrase!).Select(m => m.Groups[1].Value).ToList();
        var parameters = signature.Parameters.Select(p => p.Name).ToHashSet();
        Assert.All(holes, h => Assert.Contains(h, parameters));
        Assert.All(signature.Parameters.Where(p => p.Required), p => Assert.Contains(p.Name, holes));
        Assert.Equal(holes.Count, holes.Distinct().Count());
    }
}
