using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// What attention reads past keys/values from: <see cref="KvCache"/> for incremental decoding,
/// <see cref="SharedPrefixCache"/> for training many sequences that continue one prefix.
/// </summary>
public abstract class AttentionCache : IDisposable
{
    /// <summary>Number of slots before the tokens of the next forward (the "past" length).</summary>
    public long Length { get; protected set; }

    /// <summary>Takes a layer's new keys/values [B, kvHeads, T, d]; returns the keys/values to attend over, past first.</summary>
    internal abstract (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues);

    /// <summary>Called once per forward, after every layer appended <paramref name="tokens"/> slots.</summary>
    internal abstract void Advance(long tokens);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the cached tensors.</summary>
    protected abstract void Dispose(bool disposing);
}
