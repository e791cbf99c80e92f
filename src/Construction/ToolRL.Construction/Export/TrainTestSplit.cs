using ToolRL.Rewards;
using ToolRL.Tasks;

namespace ToolRL.Construction.Export;

/// <summary>
/// Splits tasks into train and test by a seeded hash of the normalized question, so a question (and every
/// task or variant that repeats it) always lands in one split: no question is in both.
/// </summary>
/// <param name="TestFraction">Fraction of questions that go to test (0–1).</param>
/// <param name="Seed">Seed of the hash.</param>
public sealed record TrainTestSplit(double TestFraction = 0.1, int Seed = 1)
{
    /// <summary>The split name for train.</summary>
    public const string Train = "train";

    /// <summary>The split name for test.</summary>
    public const string Test = "test";

    /// <summary>"train" or "test" for <paramref name="task"/>.</summary>
    public string Of(EnvironmentTask task) => IsTest(task.Question) ? Test : Train;

    /// <summary>True when <paramref name="question"/> belongs to test.</summary>
    public bool IsTest(string question)
    {
        if (TestFraction is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "The test fraction must be between 0 and 1.");
        var hash = Fnv.Add(Fnv.Of(Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)), AnswerVerifier.Normalize(question));
        return (hash % 1_000_000UL) < (ulong)(TestFraction * 1_000_000);
    }
}
