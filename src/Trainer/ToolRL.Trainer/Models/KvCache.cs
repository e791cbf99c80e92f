using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// Pre-allocated key/value cache for incremental decoding: per layer, keys and values of shape
/// [batch, kvHeads, capacity, headDim]. Slot s of every row holds the token fed at step s (with left
/// padding, slots of pad tokens are masked out by the attention mask).
/// </summary>
internal sealed class KvCache : AttentionCache
{
    readonly Tensor[] keys;
    readonly Tensor[] values;

    /// <summary>Allocates the cache for a model.</summary>
    public KvCache(ModelConfig config, long batchSize, long capacity, Device device, ScalarType dtype)
    {
        Capacity = capacity;
        keys = new Tensor[config.NumHiddenLayers];
        values = new Tensor[config.NumHiddenLayers];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = zeros([batchSize, config.NumKeyValueHeads, capacity, config.HeadDim], dtype, device);
            values[i] = zeros([batchSize, config.NumKeyValueHeads, capacity, config.HeadDim], dtype, device);
        }
    }

    /// <summary>Maximum number of slots.</summary>
    public long Capacity { get; }

    /// <summary>
    /// Set for a deduplicated prefill: row r of the cache takes the keys/values of row <c>PrefillRows[r]</c> of the
    /// forward's batch, so identical prompts (a GRPO group's samples) run their prefill once. Only valid while the
    /// cache is empty; cleared by <see cref="Advance"/>.
    /// </summary>
    internal Tensor? PrefillRows { get; set; }

    /// <summary>Writes a layer's new keys/values [B, kvHeads, T, d] after the past, returns past+new views.</summary>
    internal override (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
    {
        long t = newKeys.shape[2];
        if (Length + t > Capacity)
            throw new InvalidOperationException($"KV cache full: {Length} + {t} tokens exceed its capacity of {Capacity}.");
        if (PrefillRows is not null)
        {
            if (Length != 0) throw new InvalidOperationException("A deduplicated prefill must be the cache's first forward.");
            using (no_grad())
            {
                keys[layer].narrow(2, 0, t).copy_(newKeys.index_select(0, PrefillRows));
                values[layer].narrow(2, 0, t).copy_(newValues.index_select(0, PrefillRows));
            }
            return (newKeys, newValues); // the prefill attends within its own (deduplicated) batch
        }
        using (no_grad())
        {
            keys[layer].narrow(2, Length, t).copy_(newKeys);
            values[layer].narrow(2, Length, t).copy_(newValues);
        }
        return (keys[layer].narrow(2, 0, Length + t), values[layer].narrow(2, 0, Length + t));
    }

    /// <summary>Called once per forward, after every layer appended <paramref name="tokens"/> slots.</summary>
    internal override void Advance(long tokens)
    {
        Length += tokens;
        PrefillRows = null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
    }
}
