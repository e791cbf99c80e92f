using ToolRL.Trainer.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Models;

/// <summary>
/// The decoding step's shortcuts give exactly what the general formulation gave: the one-token mask equals the general
/// mask, and grouped-query attention with that mask broadcast over the query heads equals it with the mask repeated.
/// </summary>
public sealed class DecodeMaskTests
{
    // Rows with left pads, a row whose new slot is a pad (a stopped row), and one with no pads; past = 6.
    static readonly long[] MaskValues =
    [
        0, 0, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 0,
        1, 1, 1, 1, 1, 1, 1,
        0, 0, 0, 0, 1, 1, 1,
    ];

    [Xunit.Fact]
    public void The_one_token_mask_equals_the_general_mask_and_leaves_the_callers_mask_alone()
    {
        using var mask = tensor(MaskValues, [4, 7]);
        using var before = mask.clone();
        using var ids = zeros(4, 1, ScalarType.Int64);
        using var general = CausalLM.GeneralMask(ids, mask, past: 6);
        using var decode = CausalLM.BuildMask(ids, mask, past: 6);

        Assert.Equal(general.shape, decode.shape);
        Assert.True(decode.eq(general).all().item<bool>());
        Assert.True(mask.eq(before).all().item<bool>());
        // The stopped row's pad query still sees its own slot, so no row is fully masked.
        Assert.True(decode[1, 0, 0, 6].item<bool>());
    }

    [Xunit.Fact]
    public void The_one_token_mask_of_a_bool_or_strided_mask_equals_the_general_mask()
    {
        using var wide = zeros(4, 10, ScalarType.Int64);
        using var values = tensor(MaskValues, [4, 7]);
        wide.narrow(1, 0, 7).copy_(values);
        using var ids = zeros(4, 1, ScalarType.Int64);
        using var strided = wide.narrow(1, 0, 7); // as the generator passes its growing buffer
        using var asBool = values.to(ScalarType.Bool);
        using var general = CausalLM.GeneralMask(ids, values, past: 6);

        using var fromStrided = CausalLM.BuildMask(ids, strided, past: 6);
        using var fromBool = CausalLM.BuildMask(ids, asBool, past: 6);
        Assert.Equal(general.shape, fromStrided.shape);
        Assert.True(fromStrided.eq(general).all().item<bool>());
        Assert.True(fromBool.eq(general).all().item<bool>());
        Assert.True(asBool.eq(values.to(ScalarType.Bool)).all().item<bool>());
    }

    [Xunit.Fact]
    public void Grouped_attention_with_the_mask_broadcast_equals_it_repeated_bit_for_bit()
    {
        using var noGrad = no_grad();
        using var generator = new torch.Generator(5);
        long b = 4, kvHeads = 2, groups = 2, s = 7, d = 16;
        using var q = randn([b, kvHeads, groups, d], generator: generator);
        using var k = randn([b, kvHeads, s, d], generator: generator);
        using var v = randn([b, kvHeads, s, d], generator: generator);
        using var ids = zeros(b, 1, ScalarType.Int64);
        using var mask = CausalLM.BuildMask(ids, tensor(MaskValues, [4, 7]), past: 6); // [B, 1, 1, S]

        using var broadcast = nn.functional.scaled_dot_product_attention(q, k, v, mask);
        using var repeated = nn.functional.scaled_dot_product_attention(q, k, v, mask.repeat(1, 1, groups, 1));
        Assert.Equal(repeated.shape, broadcast.shape);
        Assert.True(broadcast.eq(repeated).all().item<bool>());
        Assert.False(broadcast.isnan().any().item<bool>());
    }
}
