namespace ToolRL.Trainer.Sft;

/// <summary>A seeded endless stream of example indices: each pass is a fresh permutation of all examples.</summary>
internal sealed class ExampleOrder(int count, int seed)
{
    private readonly Random _random = StreamFor(seed);
    private int[] _pass = [];
    private int _next;

    /// <summary>The random stream of an SFT example order for <paramref name="seed"/>.</summary>
    // The stream a long seed gave (its high half, the sign, folded in), so earlier runs keep their order.
    internal static Random StreamFor(int seed) => new(seed ^ (seed >> 31));

    /// <summary>The next <paramref name="n"/> indices (no repeats within a batch unless n exceeds the count).</summary>
    public IEnumerable<int> Next(int n)
    {
        var taken = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            if (_next == _pass.Length)
            {
                _pass = Enumerable.Range(0, count).ToArray();
                _random.Shuffle(_pass);
                _next = 0;
            }
            taken.Add(_pass[_next++]);
        }
        return taken;
    }
}
