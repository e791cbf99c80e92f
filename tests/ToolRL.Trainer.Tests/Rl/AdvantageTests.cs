using ToolRL.Trainer.Rl;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Rl;


public class AdvantageTests
{
    [Fact]
    public void Grpo_normalizes_within_groups_with_unbiased_std_and_singletons_use_mean0_std1()
    {
        // Group a = {1, 0, 0.5}: mean 0.5, squared deviations 0.25+0.25+0 = 0.5, unbiased var 0.5/2 = 0.25, std 0.5.
        //   advantages (r − 0.5)/(0.5 + 1e-6) = 0.999998, −0.999998, 0.
        // Group b = {2} (one response): mean 0, std 1 → 2/(1 + 1e-6) = 1.999998.
        var adv = GrpoAdvantage.ComputePerResponse([1, 0, 0.5, 2], ["a", "a", "a", "b"]);
        Assert.Equal(0.5 / (0.5 + 1e-6), adv[0], 12);
        Assert.Equal(-0.5 / (0.5 + 1e-6), adv[1], 12);
        Assert.Equal(0.0, adv[2], 12);
        Assert.Equal(2 / (1 + 1e-6), adv[3], 12);
    }

    [Fact]
    public void Grpo_without_std_normalization_is_reward_minus_group_mean()
    {
        var adv = GrpoAdvantage.ComputePerResponse([3, 1, 5], ["g", "g", "h"], normalizeByStd: false);
        Assert.Equal([1.0, -1.0, 5.0], adv);
    }

    [Fact]
    public void Grpo_rejects_mismatched_inputs_and_non_finite_rewards()
    {
        Assert.Contains("parallel", Assert.Throws<ArgumentException>(() => GrpoAdvantage.ComputePerResponse([1, 2], ["a"])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => GrpoAdvantage.ComputePerResponse([double.NaN], ["a"])).Message);
    }

    [Fact]
    public void ReinforcePlusPlus_whitens_returns_over_all_valid_tokens_of_the_batch()
    {
        // Rewards 1 and −1 on the last valid token; γ = 1 → returns [[1, 1, 0], [−1, −1, −1]].
        // Valid values 1, 1, −1, −1, −1: mean −0.2; squared deviations 1.44·2 + 0.64·3 = 4.8;
        // unbiased var 4.8/4 = 1.2 → scale 1/√(1.2 + 1e-8); advantages 1.2/√1.2 = 1.0954451, −0.8/√1.2 = −0.7302967.
        using var mask = tensor(new float[] { 1, 1, 0, 1, 1, 1 }, [2, 3]);
        var (adv, returns) = ReinforcePlusPlusAdvantage.FromOutcomes([1, -1], mask);
        using (adv)
        using (returns)
        {
            TensorAssert.Close([1, 1, 0, -1, -1, -1], returns);
            var s = 1 / Math.Sqrt(1.2 + 1e-8);
            TensorAssert.Close([1.2 * s, 1.2 * s, 0, -0.8 * s, -0.8 * s, -0.8 * s], adv);
        }
    }

    [Fact]
    public void ReinforcePlusPlus_discounts_with_gamma_and_resets_after_the_response()
    {
        // Rewards [[0, 0, 1, 5(pad)]], γ = 0.5: pad return 5 but reset → t2: 1, t1: 0.5, t0: 0.25.
        // Whitening over {0.25, 0.5, 1}: mean 0.583333; deviations −0.333333, −0.083333, 0.416667;
        // squares sum 0.111111 + 0.006944 + 0.173611 = 0.291667; unbiased var 0.145833.
        using var rewards = tensor(new float[] { 0, 0, 1, 5 }, [1, 4]);
        using var mask = tensor(new float[] { 1, 1, 1, 0 }, [1, 4]);
        var (adv, returns) = ReinforcePlusPlusAdvantage.Compute(rewards, mask, gamma: 0.5);
        using (adv)
        using (returns)
        {
            TensorAssert.Close([0.25, 0.5, 1, 5], returns);
            var s = 1 / Math.Sqrt(0.291666667 / 2 + 1e-8);
            TensorAssert.Close([-0.333333 * s, -0.083333 * s, 0.416667 * s, 0], adv, 1e-4);
        }
    }

    [Fact]
    public void Outcome_rewards_land_on_the_last_valid_token()
    {
        using var mask = tensor(new float[] { 1, 1, 0, 1, 0, 0 }, [2, 3]);
        using var rewards = TokenBroadcast.OnLastToken([0.7, -0.3], mask);
        TensorAssert.Close([0, 0.7, 0, -0.3, 0, 0], rewards);
        using var empty = zeros(1, 3);
        Assert.Contains("no valid token", Assert.Throws<ArgumentException>(() => TokenBroadcast.OnLastToken([1], empty)).Message);
    }

    [Fact]
    public void Masked_variance_is_unbiased_and_needs_two_positions()
    {
        // Valid {1, 2, 3} (100 is padding): mean 2, squares 1 + 0 + 1 = 2, unbiased 2/2 = 1, biased 2/3.
        using var values = tensor(new float[] { 1, 2, 3, 100 }, [1, 4]);
        using var mask = tensor(new float[] { 1, 1, 1, 0 }, [1, 4]);
        TensorAssert.Close(1.0, MaskedStatistics.Variance(values, mask));
        TensorAssert.Close(2.0 / 3, MaskedStatistics.Variance(values, mask, unbiased: false));
        using var one = tensor(new float[] { 1, 0, 0, 0 }, [1, 4]);
        Assert.Throws<ArgumentException>(() => MaskedStatistics.Variance(values, one));
    }
}
