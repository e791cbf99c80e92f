using System.Globalization;
using ToolRL.Rewards;

namespace ToolRL.Tasks;

/// <summary>
/// The one train / held-out rule of the project: a task's side is a seeded hash of its normalized question
/// (<see cref="Key"/>), so it depends on nothing else — not on which scenarios are selected, the order of the tasks,
/// or how many there are. Every task or variant that repeats a question lands on the same side, so no question is
/// ever both trained on and held out. <c>export</c> (train / test files), <c>sft</c>, <c>train</c>, <c>eval</c> and the
/// server's ORS <c>train</c> / <c>test</c> splits all use it; with the same seed and fraction they agree task by task.
/// </summary>
/// <remarks>The question rather than the task id: ids are per environment and a composed task's id depends on
/// the composition order, while the question is what the model sees, and two tasks asking it must share a side.</remarks>
public sealed record TaskSplit
{
    /// <summary>The seed every command uses unless <c>--seed</c> says otherwise.</summary>
    public const int DefaultSeed = 1;

    /// <summary>The held-out fraction of training runs (<c>train</c>, <c>sft</c>, <c>eval --held-out</c>), <c>export</c>'s test
    /// file and the server's <c>test</c> split.</summary>
    public const double DefaultHeldOutFraction = 0.3;

    /// <summary>A split holding out about <paramref name="heldOutFraction"/> of the questions, hashed with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not within [0, 1].</exception>
    public TaskSplit(double heldOutFraction = DefaultHeldOutFraction, long seed = DefaultSeed)
    {
        if (!(heldOutFraction is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "The held-out fraction must be between 0 and 1.");
        HeldOutFraction = heldOutFraction;
        Seed = seed;
    }

    /// <summary>Fraction of questions held out (in expectation: each question is hashed on its own).</summary>
    public double HeldOutFraction { get; }

    /// <summary>Seed of the hash.</summary>
    public long Seed { get; }

    /// <summary>
    /// The question's identity: the reference answer normalization (lower case, commas dropped, stripped) with
    /// runs of whitespace collapsed, so spacing and case never make two questions differ.
    /// </summary>
    public static string Key(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return string.Join(' ', AnswerVerifier.Normalize(question).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>True when <paramref name="question"/> is held out.</summary>
    public bool IsHeldOut(string question)
    {
        var hash = Fnv.Add(Fnv.Of(Seed.ToString(CultureInfo.InvariantCulture)), Key(question));
        return (hash % 1_000_000UL) < (ulong)(HeldOutFraction * 1_000_000);
    }

    /// <summary>True when <paramref name="task"/>'s question is held out.</summary>
    public bool IsHeldOut(EnvironmentTask task) => IsHeldOut(task.Question);

    /// <summary>Splits <paramref name="items"/> by their questions, keeping their order on each side.</summary>
    public (IReadOnlyList<T> Train, IReadOnlyList<T> HeldOut) Partition<T>(IEnumerable<T> items, Func<T, string> question)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(question);
        var train = new List<T>();
        var heldOut = new List<T>();
        foreach (var item in items)
            (IsHeldOut(question(item)) ? heldOut : train).Add(item);
        return (train, heldOut);
    }
}
