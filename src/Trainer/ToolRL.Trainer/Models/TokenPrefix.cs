namespace ToolRL.Trainer.Models;

/// <summary>Common prefixes of token sequences (what a batch can run once, see <see cref="SharedPrefixCache"/>).</summary>
internal static class TokenPrefix
{
    /// <summary>Length of the longest prefix common to every row, at most <paramref name="limit"/>.</summary>
    public static int CommonLength(IReadOnlyList<int[]> rows, int limit)
    {
        if (rows.Count == 0) return 0;
        var first = rows[0];
        limit = Math.Min(limit, rows.Min(r => r.Length));
        int n = 0;
        while (n < limit && rows.All(r => r[n] == first[n])) n++;
        return n;
    }
}
