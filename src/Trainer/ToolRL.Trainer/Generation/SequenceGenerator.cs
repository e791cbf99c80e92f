using ToolRL.Trainer.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Generation;

/// <summary>
/// Batched autoregressive sampling with a KV cache. Prompts are left-padded to a common length; each row
/// carries its own positions (0 at its first real token) and an attention mask, so padding changes nothing.
/// A row that hits a stop token stops growing; the loop ends when every row has stopped or MaxNewTokens.
/// Identical prompts (a GRPO group's samples) share one prefill: it runs on the distinct prompts and the cache
/// copies each one's keys/values to its rows.
/// </summary>
internal static class SequenceGenerator
{
    /// <summary>
    /// Generates continuations of <paramref name="prompts"/> (token ids, each non-empty). Cancellation is checked
    /// before the prefill and between tokens, on this thread, so every tensor is released before it throws.
    /// </summary>
    public static IReadOnlyList<GeneratedSequence> Generate(
        CausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (prompts.Count == 0) return [];
        if (prompts.Any(p => p.Count == 0)) throw new ArgumentException("Every prompt needs at least one token.", nameof(prompts));
        var stop = new HashSet<int>(options.StopTokenIds ?? model.EndTokenIds);
        int rows = prompts.Count, promptLength = prompts.Max(p => p.Count);
        var device = model.Device;
        cancellationToken.ThrowIfCancellationRequested();

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var generator = new torch.Generator((ulong)options.Seed, device);
        using var cache = new KvCache(model.Config, rows, promptLength + options.MaxNewTokens, device, model.DType);

        var (distinct, rowOf) = Distinct(prompts);
        var (ids, mask) = LeftPad(distinct, promptLength, options.PadTokenId, device);
        var positions = mask.cumsum(1).Plus(-1L).AtLeast(0L);
        // Identical prompts prefill once; the cache and the first logits are then spread to every row.
        var rowIndex = distinct.Count < rows ? tensor(rowOf, device: device) : null;
        cache.PrefillRows = rowIndex;
        var logits = model.Logits(model.Hidden(ids, positions, mask, cache).narrow(1, promptLength - 1, 1)).squeeze(1);
        if (rowIndex is not null)
        {
            logits = logits.index_select(0, rowIndex);
            mask = mask.index_select(0, rowIndex);
        }
        var nextPosition = mask.sum(1, keepdim: true);
        // The attention mask grows by one column a step: written in place into a buffer of the final width, not
        // concatenated (a copy of the whole mask) every step.
        var maskBuffer = zeros([rows, promptLength + options.MaxNewTokens], ScalarType.Int64, device);
        maskBuffer.narrow(1, 0, promptLength).copy_(mask);

        var tokens = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var logProbs = Enumerable.Range(0, rows).Select(_ => new List<float>()).ToArray();
        var active = Enumerable.Repeat(true, rows).ToArray();
        for (int step = 0; step < options.MaxNewTokens; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var (next, nextLogProbs) = TokenSampler.Sample(logits, options, generator);
            long[] nextIds = next.cpu().data<long>().ToArray();
            float[] nextLps = nextLogProbs.cpu().data<float>().ToArray();
            for (int r = 0; r < rows; r++)
            {
                if (!active[r]) continue;
                tokens[r].Add((int)nextIds[r]);
                logProbs[r].Add(nextLps[r]);
                if (stop.Contains((int)nextIds[r])) active[r] = false;
            }
            if (!active.Any(a => a) || step == options.MaxNewTokens - 1) break;

            var feed = new long[rows];
            var feedMask = new long[rows];
            for (int r = 0; r < rows; r++)
            {
                feed[r] = active[r] ? nextIds[r] : options.PadTokenId;
                feedMask[r] = active[r] ? 1 : 0;
            }
            long width = promptLength + step + 1;
            maskBuffer.narrow(1, width - 1, 1).copy_(tensor(feedMask, [rows, 1], device: device));
            var stepLogits = model.forward(tensor(feed, [rows, 1], device: device), nextPosition, maskBuffer.narrow(1, 0, width), cache).squeeze(1);
            nextPosition.PlusInPlace(1);
            logits.Dispose();
            logits = stepLogits.MoveToOuterDisposeScope();
        }
        return Enumerable.Range(0, rows)
            .Select(r => new GeneratedSequence(tokens[r].ToArray(), logProbs[r].ToArray(), active[r] ? FinishReason.Length : FinishReason.Stop))
            .ToArray();
    }

    /// <summary>The distinct prompts (first-seen order) and, per input row, the index of its distinct prompt.</summary>
    internal static (IReadOnlyList<IReadOnlyList<int>> Distinct, long[] RowOf) Distinct(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        var distinct = new List<IReadOnlyList<int>>();
        var rowOf = new long[prompts.Count];
        for (int r = 0; r < prompts.Count; r++)
        {
            int found = -1;
            // Rows of a group are usually adjacent, so look back at the latest distinct prompts first.
            for (int d = distinct.Count - 1; d >= 0 && found < 0; d--)
                if (ReferenceEquals(distinct[d], prompts[r]) || distinct[d].SequenceEqual(prompts[r])) found = d;
            if (found < 0)
            {
                found = distinct.Count;
                distinct.Add(prompts[r]);
            }
            rowOf[r] = found;
        }
        return (distinct, rowOf);
    }

    /// <summary>ids and mask [B, length]: each prompt right-aligned, pads on the left.</summary>
    internal static (Tensor Ids, Tensor Mask) LeftPad(IReadOnlyList<IReadOnlyList<int>> prompts, int length, int padId, Device device)
    {
        var ids = new long[prompts.Count * length];
        var mask = new long[prompts.Count * length];
        for (int r = 0; r < prompts.Count; r++)
        {
            int offset = length - prompts[r].Count;
            for (int i = 0; i < length; i++)
            {
                bool real = i >= offset;
                ids[r * length + i] = real ? prompts[r][i - offset] : padId;
                mask[r * length + i] = real ? 1 : 0;
            }
        }
        return (tensor(ids, [prompts.Count, length], device: device), tensor(mask, [prompts.Count, length], device: device));
    }
}
