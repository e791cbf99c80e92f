using ToolRL.Trainer.Sft;

namespace ToolRL.Trainer.Tests.Sft;

using FactAttribute = Xunit.FactAttribute;

public sealed class PrefixGroupedOrderTests
{
    // Two "system prompts" of 10 tokens sharing a 2-token header, then a question and a one-token answer.
    static SftExample Example(int system, int question)
    {
        int[] ids = [1, 2, .. Enumerable.Range(100 * system, 8), 900 + question, 7];
        return new SftExample($"{system}/{question}", ids, [.. Enumerable.Repeat(false, ids.Length - 1), true]);
    }

    [Fact]
    public void Batches_come_from_one_prefix_group_and_a_pass_covers_every_example_once()
    {
        var examples = Enumerable.Range(0, 7).Select(q => Example(1, q)).Concat(Enumerable.Range(0, 5).Select(q => Example(2, q))).ToArray();
        var order = new PrefixGroupedOrder(examples, batchSize: 3, seed: 4, minShared: 4);

        Assert.Equal(2, order.GroupCount);
        // 7 → 3+3+1, 5 → 3+2: five batches a pass.
        var pass = Enumerable.Range(0, 5).Select(_ => order.Next()).ToArray();
        Assert.All(pass, batch => Assert.Single(batch.Select(i => examples[i].Id[0]).Distinct()));
        Assert.Equal(Enumerable.Range(0, 12), pass.SelectMany(b => b).Order());
        Assert.True(SftLoss.SharedContextLength(pass[0].Select(i => examples[i]).ToArray()) >= 10);
    }

    [Fact]
    public void The_order_is_reproducible_from_the_seed()
    {
        var examples = Enumerable.Range(0, 9).Select(q => Example(q % 2, q)).ToArray();
        var a = new PrefixGroupedOrder(examples, 2, seed: 11, minShared: 4);
        var b = new PrefixGroupedOrder(examples, 2, seed: 11, minShared: 4);
        for (int i = 0; i < 12; i++) Assert.Equal(a.Next(), b.Next());
    }

    [Fact]
    public void A_short_common_header_alone_does_not_make_a_group()
    {
        var examples = new[] { Example(1, 0), Example(2, 0), Example(3, 0) };
        Assert.Equal(3, new PrefixGroupedOrder(examples, 1, seed: 1, minShared: 2).GroupCount);
    }

    [Fact]
    public void Short_contexts_share_one_group_instead_of_a_group_each()
    {
        var shortOnes = Enumerable.Range(0, 6).Select(q => new SftExample($"s{q}", [3, 900 + q, 7], [false, false, true])).ToArray();
        var order = new PrefixGroupedOrder([.. shortOnes, Example(1, 0), Example(1, 1), Example(1, 2)], batchSize: 3, seed: 2, minShared: 4);
        Assert.Equal(2, order.GroupCount);
        Assert.Equal(2, Enumerable.Range(0, 3).Select(_ => order.Next()).Count(b => b.Length == 3 && b.All(i => i < 6)));
    }

    [Fact]
    public void Groups_smaller_than_a_batch_join_the_mixed_group_so_batches_stay_full()
    {
        // Six prefix groups of 2 (each smaller than the batch of 4) and one of 8.
        var small = Enumerable.Range(2, 6).SelectMany(s => new[] { Example(s, 0), Example(s, 1) });
        var examples = small.Concat(Enumerable.Range(0, 8).Select(q => Example(1, q))).ToArray();
        var order = new PrefixGroupedOrder(examples, batchSize: 4, seed: 3, minShared: 4);

        Assert.Equal(2, order.GroupCount);
        var pass = Enumerable.Range(0, 5).Select(_ => order.Next()).ToArray();
        Assert.All(pass, b => Assert.Equal(4, b.Length));
        Assert.Equal(Enumerable.Range(0, 20), pass.SelectMany(b => b).Order());
    }
}
