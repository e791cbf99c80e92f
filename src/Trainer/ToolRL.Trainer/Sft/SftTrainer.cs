using System.Diagnostics;
using System.Globalization;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Rl;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Sft;

/// <summary>
/// Supervised warm start: next-token cross-entropy on the assistant tokens only (the loss mask), token-mean over
/// each batch, AdamW with gradient clipping. Batches are right-padded (a causal model never attends to later
/// pads); only target positions go through the output projection. Same seed, model and examples → same losses.
/// </summary>
public static class SftTrainer
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="examples"/>.</summary>
    public static SftResult Train(CausalLM model, IReadOnlyList<SftExample> examples, SftOptions options, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        options.Validate();
        if (examples.Count == 0) throw new ArgumentException("No SFT examples to train on.", nameof(examples));
        foreach (var e in examples) e.Validate();

        var clock = Stopwatch.StartNew();
        var losses = new List<double>(options.Steps);
        long trained = 0, processed = 0;
        var order = new ExampleOrder(examples.Count, options.Seed);
        model.train();
        using var optimizer = new PolicyOptimizer(model.parameters(), options.Optimizer);
        for (int step = 0; step < options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.Next(options.BatchSize).Select(i => examples[i]).ToArray();
            using (var scope = NewDisposeScope())
            {
                var loss = BatchLoss(model, batch, options.PadTokenId);
                loss.backward();
                losses.Add(loss.item<float>());
            }
            optimizer.Step();
            trained += batch.Sum(e => (long)e.TargetTokenCount);
            processed += batch.Sum(e => (long)e.TokenIds.Length);
            if (progress is not null && options.LogEvery > 0 && ((step + 1) % options.LogEvery == 0 || step == options.Steps - 1))
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sft step {step + 1}/{options.Steps}  loss {losses[^1]:F4}  {processed / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} tok/s"));
            }
        }
        model.eval();
        return new SftResult(losses, trained, processed, clock.Elapsed);
    }

    /// <summary>Mean cross-entropy over the batch's assistant tokens (differentiable).</summary>
    public static Tensor BatchLoss(CausalLM model, IReadOnlyList<SftExample> batch, int padTokenId = 0)
    {
        using var scope = NewDisposeScope();
        int rows = batch.Count, width = batch.Max(e => e.TokenIds.Length);
        var ids = new long[rows * width];
        var sources = new List<long>();   // flat index of the position whose output predicts a target
        var targets = new List<long>();
        for (int r = 0; r < rows; r++)
        {
            var e = batch[r];
            for (int t = 0; t < width; t++)
                ids[r * width + t] = t < e.TokenIds.Length ? e.TokenIds[t] : padTokenId;
            for (int t = 1; t < e.TokenIds.Length; t++)
            {
                if (!e.LossMask[t]) continue;
                sources.Add((long)r * width + t - 1);
                targets.Add(e.TokenIds[t]);
            }
        }
        var device = model.Device;
        var input = tensor(ids, [rows, width], device: device);
        var positions = arange(width, ScalarType.Int64, device).unsqueeze(0).expand(rows, width);
        var hidden = model.Hidden(input, positions, null).reshape(rows * width, -1);
        var picked = hidden.index_select(0, tensor(sources.ToArray(), device: device));
        var logits = model.Logits(picked).to(ScalarType.Float32);
        var loss = nn.functional.cross_entropy(logits, tensor(targets.ToArray(), device: device));
        return loss.MoveToOuterDisposeScope();
    }
}
