using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Rl;
using static TorchSharp.torch;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;


public class LossTests
{
    [Fact]
    public void LowVarKl_is_k3_of_ref_minus_logp_and_clamped()
    {
        // kl = ref − logp = [−0.5, 1, 15, −25→−20]:
        //   exp(−0.5) + 0.5 − 1 = 0.1065307; exp(1) − 1 − 1 = 0.7182818;
        //   exp(15) − 16 ≈ 3.27e6 → clamp 10;  exp(−20) + 20 − 1 ≈ 19 → clamp 10.
        using var logp = tensor(new float[] { -1, -2, -20, -1 });
        using var refp = tensor(new float[] { -1.5f, -1, -5, -26 });
        using var kl = KlPenalty.Compute(logp, refp);
        TensorAssert.Close([Math.Exp(-0.5) - 0.5, Math.E - 2, 10, 10], kl);
    }

    [Fact]
    public void Other_kl_estimators_follow_verl()
    {
        using var logp = tensor(new float[] { -1, -2 });
        using var refp = tensor(new float[] { -1.5f, -1 });
        TensorAssert.Close([0.5, -1], KlPenalty.Compute(logp, refp, KlEstimator.K1));
        TensorAssert.Close([0.5, 1], KlPenalty.Compute(logp, refp, KlEstimator.Abs));
        TensorAssert.Close([0.125, 0.5], KlPenalty.Compute(logp, refp, KlEstimator.K2));
        Assert.Equal(KlEstimator.LowVarK3, KlEstimatorNames.Parse("low_var_kl"));
        Assert.Contains("low_var_kl", Assert.Throws<ArgumentException>(() => KlEstimatorNames.Parse("k9")).Message);
    }

    [Fact]
    public void Entropy_from_log_probs_matches_hand_values()
    {
        // logits [0, ln 3] → p = [0.25, 0.75]: H = 0.25·ln4 + 0.75·ln(4/3) = 0.3465736 + 0.2157616 = 0.5623351.
        // Four equal logits → ln 4 = 1.3862944.
        using var logits = tensor(new float[] { 0, (float)Math.Log(3), 0, 0, 7, 7, 7, 7 }, [1, 2, 4]);
        // First position: pad two very negative logits so only [0, ln3] matter.
        logits[0, 0, 2] = tensor(-1e9f);
        logits[0, 0, 3] = tensor(-1e9f);
        using var h = TokenEntropy.FromLogProbs(logits.log_softmax(-1));
        TensorAssert.Close([0.25 * Math.Log(4) + 0.75 * Math.Log(4.0 / 3), Math.Log(4)], h);
    }

    // Tokens (ratio, advantage): (1.5, +1) (0.5, +1) (0.5, −1) in row 0; (5, −1) in row 1; two padding slots.
    //   (1.5, +1): l1 = −1.5, l2 = −1.2 (ratio clamped to 1.2) → max −1.2, clipped.
    //   (0.5, +1): l1 = −0.5, l2 = −0.8 → −0.5.
    //   (0.5, −1): l1 = 0.5, l2 = 0.8 (clamped to 0.8) → 0.8, clipped; dual bound 3 → 0.8.
    //   (5, −1):   l1 = 5, l2 = 1.2 → 5; dual bound −A·3 = 3 → 3 (dual-clipped).
    private static (Tensor Old, Tensor New, Tensor Adv, Tensor Mask) PpoCase(bool requiresGrad = false)
    {
        var ratios = new[] { 1.5, 0.5, 0.5, 5, 9, 9 };
        var old = zeros(2, 3);
        var logp = tensor(ratios.Select(r => (float)Math.Log(r)).ToArray(), [2, 3]).requires_grad_(requiresGrad);
        var adv = tensor(new float[] { 1, 1, -1, -1, 4, 4 }, [2, 3]);
        var mask = tensor(new float[] { 1, 1, 1, 1, 0, 0 }, [2, 3]);
        return (old, logp, adv, mask);
    }

    [Fact]
    public void Ppo_clip_loss_with_dual_clip_matches_hand_values()
    {
        var (old, logp, adv, mask) = PpoCase();
        using var tokenMean = PpoClipLoss.Compute(old, logp, adv, mask);
        // token-mean: (−1.2 − 0.5 + 0.8 + 3)/4 = 0.525.
        TensorAssert.Close(0.525, tokenMean.Loss);
        // Clipped term chosen at tokens 1 and 3 → 2/4; dual clip at token 4 → 1/4.
        TensorAssert.Close(0.5, tokenMean.ClipFraction);
        TensorAssert.Close(0.25, tokenMean.ClipFractionLower);
        // ppo_kl = mean(old − new) = −(ln1.5 + ln0.5 + ln0.5 + ln5)/4.
        TensorAssert.Close(-(Math.Log(1.5) + 2 * Math.Log(0.5) + Math.Log(5)) / 4, tokenMean.ApproxKl);

        // seq-mean-token-mean: ((−1.2 − 0.5 + 0.8)/3 + 3/1)/2 = 1.35; seq-mean-token-sum: (−0.9 + 3)/2 = 1.05.
        using var seqMean = PpoClipLoss.Compute(old, logp, adv, mask, aggregation: LossAggregationMode.SeqMeanTokenMean);
        TensorAssert.Close(1.35, seqMean.Loss);
        using var seqSum = PpoClipLoss.Compute(old, logp, adv, mask, aggregation: LossAggregationMode.SeqMeanTokenSum);
        TensorAssert.Close(1.05, seqSum.Loss);
    }

    [Fact]
    public void Ppo_gradient_flows_only_through_unclipped_tokens()
    {
        var (old, logp, adv, mask) = PpoCase(requiresGrad: true);
        using var output = PpoClipLoss.Compute(old, logp, adv, mask);
        output.Loss.backward();
        // d(−A·ratio)/dlogp = −A·ratio, divided by 4 valid tokens: token 2 → −0.5/4 = −0.125.
        // Clipped (1, 3), dual-clipped (4) and padding tokens get no gradient.
        TensorAssert.Close([0, -0.125, 0, 0, 0, 0], logp.grad!);
    }

    [Fact]
    public void Total_loss_is_pg_minus_entropy_bonus_plus_kl_term()
    {
        var (old, logp, adv, mask) = PpoCase();
        // Entropy 2 on every valid token → 2; ref − logp = 1 everywhere → k3 = e − 2 = 0.7182818.
        using var entropy = full(2, 3, 2f);
        using var refp = logp + 1;
        var settings = new RlLossOptions { EntropyCoefficient = 0.1, KlCoefficient = 0.1 };
        using var terms = PolicyObjective.Compute(new ObjectiveInputs(logp, old, refp, adv, mask, entropy), settings);
        // 0.525 − 0.1·2 + 0.1·0.7182818 = 0.3968282.
        TensorAssert.Close(0.525 - 0.2 + 0.1 * (Math.E - 2), terms.Total);
        TensorAssert.Close(0.525, terms.PolicyLoss);
        TensorAssert.Close(2, terms.Entropy);
        TensorAssert.Close(Math.E - 2, terms.Kl);
    }

    [Fact]
    public void Paper_defaults_are_the_verl_settings()
    {
        var s = new RlLossOptions();
        Assert.Equal((0.2, 0.2, 3.0), (s.Clip.Low, s.Clip.High, s.Clip.DualClip));
        Assert.Equal((0.001, 0.001, KlEstimator.LowVarK3, true), (s.EntropyCoefficient, s.KlCoefficient, s.KlEstimator, s.UseKlLoss));
        Assert.Equal(LossAggregationMode.TokenMean, s.Aggregation);
        Assert.Equal(1e-6, new PolicyOptimizerOptions().LearningRate);
    }

    [Fact]
    public void Objective_refuses_missing_reference_or_entropy()
    {
        var (old, logp, adv, mask) = PpoCase();
        Assert.Contains("reference", Assert.Throws<ArgumentException>(() =>
            PolicyObjective.Compute(new ObjectiveInputs(logp, old, null, adv, mask, full(2, 3, 1f)), new RlLossOptions())).Message);
        Assert.Contains("entropy", Assert.Throws<ArgumentException>(() =>
            PolicyObjective.Compute(new ObjectiveInputs(logp, old, logp, adv, mask, null), new RlLossOptions())).Message);
    }

    [Fact]
    public void Micro_batches_with_the_batch_normalizer_sum_to_the_whole_batch_loss()
    {
        var (old, logp, adv, mask) = PpoCase();
        using var whole = PpoClipLoss.Compute(old, logp, adv, mask);
        var normalizer = LossNormalizer.Of(mask);
        using var first = PpoClipLoss.Compute(old[..1], logp[..1], adv[..1], mask[..1], normalizer: normalizer);
        using var second = PpoClipLoss.Compute(old[1..], logp[1..], adv[1..], mask[1..], normalizer: normalizer);
        TensorAssert.Close(whole.Loss.item<float>(), first.Loss + second.Loss);
    }
}
