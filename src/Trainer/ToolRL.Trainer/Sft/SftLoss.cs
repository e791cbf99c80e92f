using ToolRL.Trainer.Models;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Sft;

/// <summary>
/// SFT's loss: next-token cross-entropy on the assistant tokens only (the loss mask), token-mean over the batch.
/// Batches are right-padded (a causal model never attends to later pads); only target positions go through the
/// output projection.
/// </summary>
public static class SftLoss
{
    /// <summary>
    /// Mean cross-entropy over the batch's assistant tokens (differentiable). When the rows share a prefix of at least
    /// <paramref name="minSharedPrefix"/> context tokens it runs once (<see cref="CausalLM.HiddenAfterSharedPrefix"/>);
    /// the loss is the same either way. 0 turns the sharing off.
    /// </summary>
    public static Tensor BatchLoss(CausalLM model, IReadOnlyList<SftExample> batch, int padTokenId = 0, int minSharedPrefix = 0)
    {
        using var scope = NewDisposeScope();
        int shared = minSharedPrefix > 0 ? SharedContextLength(batch) : 0;
        if (shared < minSharedPrefix) shared = 0;
        int rows = batch.Count, width = batch.Max(e => e.TokenIds.Length) - shared;
        var ids = new long[rows * width];
        var real = new long[rows * width];
        var sources = new List<long>();   // flat index of the position whose output predicts a target
        var targets = new List<long>();
        for (int r = 0; r < rows; r++)
        {
            var e = batch[r];
            for (int t = 0; t < width; t++)
            {
                bool inRow = shared + t < e.TokenIds.Length;
                ids[r * width + t] = inRow ? e.TokenIds[shared + t] : padTokenId;
                real[r * width + t] = inRow ? 1 : 0;
            }
            for (int t = shared + 1; t < e.TokenIds.Length; t++)
            {
                if (!e.LossMask[t]) continue;
                sources.Add((long)r * width + t - 1 - shared);
                targets.Add(e.TokenIds[t]);
            }
        }
        var device = model.Device;
        var input = tensor(ids, [rows, width], device: device);
        var positions = ScalarMath.Range(width, ScalarType.Int64, device).unsqueeze(0).expand(rows, width);
        // Rows are right-padded: a causal model never attends to the pads after a real token.
        var hidden = shared == 0
            ? model.Hidden(input, positions, null)
            : model.HiddenAfterSharedPrefix(
                tensor(batch[0].TokenIds.AsSpan(0, shared).ToArray().Select(i => (long)i).ToArray(), device: device),
                input, positions, tensor(real, [rows, width], device: device));
        var picked = hidden.reshape(rows * width, -1).index_select(0, tensor(sources.ToArray(), device: device));
        var logits = model.Logits(picked).to(ScalarType.Float32);
        var loss = nn.functional.cross_entropy(logits, tensor(targets.ToArray(), device: device));
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The longest prefix common to every row that holds no target's predictor: it stops before the position that
    /// predicts each row's first assistant token, so every loss term is computed in the per-row part.
    /// </summary>
    public static int SharedContextLength(IReadOnlyList<SftExample> batch)
    {
        int limit = batch.Min(e => Array.IndexOf(e.LossMask, true) - 1);
        return TokenPrefix.CommonLength(batch.Select(e => e.TokenIds).ToArray(), limit);
    }
}
