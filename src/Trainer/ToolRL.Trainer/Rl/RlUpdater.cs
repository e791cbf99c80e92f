using System.Diagnostics;
using ToolRL.Trainer.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// One RL update over a batch of samples, as verl's actor does it: advantages (GRPO or REINFORCE++), old and
/// reference log-probs without gradient, then for each mini-batch the micro-batches' losses are back-propagated
/// (normalized by the mini-batch's totals) and one clipped AdamW step is taken.
/// </summary>
internal sealed class RlUpdater
{
    private readonly ISequenceScorer _policy;
    private readonly ISequenceScorer? _reference;
    private readonly PolicyOptimizer _optimizer;
    private readonly Device _device;

    /// <summary>Creates an updater.</summary>
    /// <param name="policy">The trainable policy.</param>
    /// <param name="reference">The frozen reference; required when the KL loss is on.</param>
    /// <param name="optimizer">The optimizer over the policy's trainable parameters.</param>
    /// <param name="settings">Algorithm, loss and batching.</param>
    /// <param name="device">Where the loss tensors live (the policy's device); CPU by default.</param>
    public RlUpdater(ISequenceScorer policy, ISequenceScorer? reference, PolicyOptimizer optimizer, RlUpdateOptions settings, Device? device = null)
    {
        settings.Validate();
        if (settings.Loss.UseKlLoss && reference is null)
            throw new ArgumentException("The KL loss is on, so a reference model is needed.", nameof(reference));
        _policy = policy;
        _reference = reference;
        _optimizer = optimizer;
        Settings = settings;
        _device = device ?? CPU;
    }

    /// <summary>The settings in use.</summary>
    public RlUpdateOptions Settings { get; }

    /// <summary>Trains on <paramref name="samples"/> (kept in order: verl's <c>shuffle: False</c>).</summary>
    public RlUpdateStats Update(IReadOnlyList<RlSample> samples)
    {
        if (samples.Count == 0)
            throw new ArgumentException("No samples to train on.", nameof(samples));
        foreach (var s in samples)
            s.Validate();
        var clock = Stopwatch.StartNew();

        var advantages = ComputeAdvantages(samples);
        var oldLogProbs = Settings.RecomputeOldLogProbs
            ? ScoreWithoutGrad(_policy, samples)
            : samples.Select(s => s.SampledLogProbs ?? throw new ArgumentException(
                $"Sample of group '{s.GroupId}' has no sampled log-probs and RecomputeOldLogProbs is off.")).ToArray();
        var refLogProbs = Settings.Loss.UseKlLoss ? ScoreWithoutGrad(_reference!, samples) : null;

        var totals = new Accumulator();
        for (var epoch = 0; epoch < Settings.Epochs; epoch++)
        {
            for (var start = 0; start < samples.Count; start += Settings.MiniBatchSize)
            {
                var end = Math.Min(samples.Count, start + Settings.MiniBatchSize);
                var normalizer = new LossNormalizer(
                    samples.Skip(start).Take(end - start).Sum(s => (double)s.ResponseIds.Length), end - start);
                var step = new Accumulator();
                for (var micro = start; micro < end; micro += Settings.MicroBatchSize)
                {
                    var microEnd = Math.Min(end, micro + Settings.MicroBatchSize);
                    TrainMicroBatch(samples, micro, microEnd, advantages, oldLogProbs, refLogProbs, normalizer, step);
                }
                var result = _optimizer.Step();
                totals.AddStep(step, result);
            }
        }

        clock.Stop();
        long tokens = samples.Sum(s => (long)s.ResponseIds.Length);
        double advantageSum = 0;
        for (var i = 0; i < samples.Count; i++)
            advantageSum += advantages[i].Sum();
        return new RlUpdateStats
        {
            Samples = samples.Count,
            ResponseTokens = tokens,
            OptimizerSteps = totals.Applied,
            SkippedSteps = totals.Skipped,
            MeanReward = samples.Average(s => s.Reward),
            MeanAdvantage = advantageSum / tokens,
            PolicyLoss = totals.Mean(totals.Pg),
            Entropy = totals.Mean(totals.Entropy),
            Kl = totals.Mean(totals.Kl),
            TotalLoss = totals.Mean(totals.Total),
            ClipFraction = totals.Mean(totals.ClipFraction),
            ApproxKl = totals.Mean(totals.ApproxKl),
            GradNorm = totals.Mean(totals.GradNorm),
            Elapsed = clock.Elapsed,
            TokensPerSecond = tokens * Settings.Epochs / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
        };
    }

    private void TrainMicroBatch(
        IReadOnlyList<RlSample> samples, int start, int end, float[][] advantages, float[][] oldLogProbs,
        float[][]? refLogProbs, LossNormalizer normalizer, Accumulator step)
    {
        using var scope = NewDisposeScope();
        var batch = samples.Skip(start).Take(end - start).ToArray();
        var width = batch.Max(s => s.ResponseIds.Length);
        var mask = Padded(batch.Select(s => Enumerable.Repeat(1f, s.ResponseIds.Length).ToArray()), width);
        var adv = Padded(advantages[start..end], width);
        var old = Padded(oldLogProbs[start..end], width);
        var reference = refLogProbs is null ? null : Padded(refLogProbs[start..end], width);

        var withEntropy = Settings.Loss.EntropyCoefficient != 0;
        using var scores = _policy.Score(batch.Select(s => (s.PromptIds, s.ResponseIds)).ToArray(), withEntropy);
        CheckShape(scores.LogProbs, batch.Length, width);
        using var terms = PolicyObjective.Compute(
            new ObjectiveInputs(scores.LogProbs, old, reference, adv, mask, scores.Entropy), Settings.Loss, normalizer);
        terms.Total.backward();
        step.AddMicro(terms);
    }

    private float[][] ComputeAdvantages(IReadOnlyList<RlSample> samples)
    {
        var rewards = samples.Select(s => s.Reward).ToArray();
        if (Settings.Algorithm == RlAlgorithm.Grpo)
        {
            var perResponse = GrpoAdvantage.ComputePerResponse(rewards, samples.Select(s => s.GroupId).ToArray(), Settings.GrpoEpsilon);
            return samples.Select((s, i) => Enumerable.Repeat((float)perResponse[i], s.ResponseIds.Length).ToArray()).ToArray();
        }

        using var scope = NewDisposeScope();
        var width = samples.Max(s => s.ResponseIds.Length);
        var mask = Padded(samples.Select(s => Enumerable.Repeat(1f, s.ResponseIds.Length).ToArray()), width).cpu();
        var (adv, _) = ReinforcePlusPlusAdvantage.FromOutcomes(rewards, mask, Settings.Gamma);
        var flat = adv.data<float>().ToArray();
        return samples.Select((s, i) => flat.AsSpan(i * width, s.ResponseIds.Length).ToArray()).ToArray();
    }

    private float[][] ScoreWithoutGrad(ISequenceScorer scorer, IReadOnlyList<RlSample> samples)
    {
        var result = new float[samples.Count][];
        using var noGrad = torch.no_grad();
        for (var start = 0; start < samples.Count; start += Settings.MicroBatchSize)
        {
            using var scope = NewDisposeScope();
            var batch = samples.Skip(start).Take(Settings.MicroBatchSize).ToArray();
            var width = batch.Max(s => s.ResponseIds.Length);
            using var scores = scorer.Score(batch.Select(s => (s.PromptIds, s.ResponseIds)).ToArray(), withEntropy: false);
            CheckShape(scores.LogProbs, batch.Length, width);
            var flat = scores.LogProbs.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
            for (var i = 0; i < batch.Length; i++)
                result[start + i] = flat.AsSpan(i * width, batch[i].ResponseIds.Length).ToArray();
        }
        return result;
    }

    private Tensor Padded(IEnumerable<float[]> rows, int width)
    {
        var list = rows.ToArray();
        var data = new float[list.Length * width];
        for (var i = 0; i < list.Length; i++)
            list[i].CopyTo(data, i * width);
        return torch.tensor(data, [list.Length, width], ScalarType.Float32, _device);
    }

    private static void CheckShape(Tensor logProbs, int batch, int width)
    {
        if (logProbs.dim() != 2 || logProbs.shape[0] != batch || logProbs.shape[1] != width)
            throw new InvalidOperationException(
                $"The scorer returned log-probs of shape [{string.Join(", ", logProbs.shape)}]; expected [{batch}, {width}].");
    }

    /// <summary>Sums loss terms over micro-batches (each already normalized by its mini-batch) and averages over steps.</summary>
    private sealed class Accumulator
    {
        public double Pg, Entropy, Kl, Total, ClipFraction, ApproxKl, GradNorm;
        public int Applied, Skipped, Micro;

        public void AddMicro(LossTerms t)
        {
            Pg += t.PolicyLoss.item<float>();
            Entropy += t.Entropy.item<float>();
            Kl += t.Kl.item<float>();
            Total += t.Total.item<float>();
            ClipFraction += t.ClipFraction.item<float>();
            ApproxKl += t.ApproxKl.item<float>();
            Micro++;
        }

        public void AddStep(Accumulator step, OptimizerStepResult result)
        {
            Pg += step.Pg;
            Entropy += step.Entropy;
            Kl += step.Kl;
            Total += step.Total;
            // Clip fraction and approx-KL are per-micro-batch means: average them within the step.
            ClipFraction += step.ClipFraction / Math.Max(1, step.Micro);
            ApproxKl += step.ApproxKl / Math.Max(1, step.Micro);
            GradNorm += double.IsFinite(result.GradNorm) ? result.GradNorm : 0;
            if (result.Applied) Applied++; else Skipped++;
        }

        public double Mean(double sum) => Applied + Skipped == 0 ? 0 : sum / (Applied + Skipped);
    }
}
