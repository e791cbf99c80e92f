using System.Runtime.InteropServices;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Sft;

/// <summary>
/// A seeded endless stream of batches, each drawn from one group of examples that share a long context prefix
/// (in practice: one environment's system prompt with its tool list), so the batch's shared prefix runs once.
/// Each pass shuffles every group, sorts each window of <see cref="WindowBatches"/> batches by length (rows of a
/// batch then need little padding), cuts batches and shuffles them: every example once per pass.
/// </summary>
internal sealed class PrefixGroupedOrder
{
    /// <summary>Batches per length-sorted window: wide enough to find similar lengths, narrow enough to stay random.</summary>
    public const int WindowBatches = 8;

    private readonly Random _random;
    private readonly int[] _lengths;
    private readonly int[][] _groups;
    private readonly int _batchSize;
    private List<int[]> _pass = [];
    private int _next;

    /// <summary>Groups <paramref name="examples"/>: an example joins the group whose first member shares the longest
    /// context prefix with it, if that prefix is at least <paramref name="minShared"/> tokens and half its context;
    /// examples whose context is shorter than <paramref name="minShared"/> form one group of their own, and so do the
    /// members of groups smaller than a batch (many tiny groups would otherwise make many tiny batches).</summary>
    public PrefixGroupedOrder(IReadOnlyList<SftExample> examples, int batchSize, int seed, int minShared)
    {
        _random = ExampleOrder.StreamFor(seed);
        _batchSize = batchSize;
        _lengths = examples.Select(e => e.TokenIds.Length).ToArray();
        var heads = new List<int>();
        var members = new List<List<int>>();
        var unshared = new List<int>();   // contexts too short to share: batched together, run in full
        for (int i = 0; i < examples.Count; i++)
        {
            int context = ContextLength(examples[i]);
            if (context < minShared)
            {
                unshared.Add(i);
                continue;
            }
            int best = -1, bestLength = 0;
            for (int g = 0; g < heads.Count; g++)
            {
                int shared = TokenPrefix.CommonLength([examples[heads[g]].TokenIds, examples[i].TokenIds], Math.Min(context, ContextLength(examples[heads[g]])));
                if (shared > bestLength) (best, bestLength) = (g, shared);
            }
            if (best >= 0 && bestLength >= minShared && bestLength * 2 >= context)
                members[best].Add(i);
            else
            {
                heads.Add(i);
                members.Add([i]);
            }
        }
        var groups = members.Where(m => m.Count >= batchSize).ToList();
        unshared.AddRange(members.Where(m => m.Count < batchSize).SelectMany(m => m));
        if (unshared.Count > 0) groups.Add(unshared);
        _groups = groups.Select(m => m.ToArray()).ToArray();
    }

    /// <summary>Number of prefix groups found.</summary>
    public int GroupCount => _groups.Length;

    /// <summary>The next batch's example indices (all from one group; the last batch of a group in a pass may be smaller).</summary>
    public int[] Next()
    {
        if (_next == _pass.Count)
        {
            _pass = [];
            foreach (var group in _groups)
            {
                var shuffled = group.ToArray();
                _random.Shuffle(shuffled);
                foreach (var window in shuffled.Chunk(_batchSize * WindowBatches))
                    _pass.AddRange(window.OrderBy(i => _lengths[i]).Chunk(_batchSize));
            }
            _random.Shuffle(CollectionsMarshal.AsSpan(_pass));
            _next = 0;
        }
        return _pass[_next++];
    }

    private static int ContextLength(SftExample e) => Math.Max(0, Array.IndexOf(e.LossMask, true) - 1);
}
