using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// Keys/values of one prefix (batch 1), kept with their autograd graph and broadcast to every row of the
/// continuations that follow it. The first forward fills it; each later forward reads it without growing it.
/// </summary>
/// <remarks>
/// Tool-use prompts repeat the same system prompt (the tool list) in every sequence: most tokens of an SFT or RL
/// batch are that prefix. Running it once and broadcasting its keys/values gives each row exactly the attention it
/// would have over the full sequence, and gradients through the broadcast sum over the rows, so losses and
/// gradients equal those of the full batch.
/// </remarks>
internal sealed class SharedPrefixCache : AttentionCache
{
    readonly Tensor?[] keys;
    readonly Tensor?[] values;

    /// <summary>An empty cache for a model with <paramref name="layers"/> layers.</summary>
    public SharedPrefixCache(int layers)
    {
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
    }

    /// <summary>True once the prefix has been run.</summary>
    public bool HasPrefix => Length > 0;

    internal override (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
    {
        if (!HasPrefix)
        {
            if (newKeys.shape[0] != 1)
                throw new ArgumentException($"The shared prefix must be a single row, got {newKeys.shape[0]}.");
            // The cache owns these: they outlive the forward's dispose scope.
            keys[layer] = newKeys.alias().DetachFromDisposeScope();
            values[layer] = newValues.alias().DetachFromDisposeScope();
            return (newKeys, newValues);
        }
        var prefixKeys = keys[layer] ?? throw new InvalidOperationException($"Layer {layer} has no prefix keys.");
        var prefixValues = values[layer]!;
        long rows = newKeys.shape[0];
        return (
            cat([prefixKeys.expand(rows, -1, -1, -1), newKeys], 2),
            cat([prefixValues.expand(rows, -1, -1, -1), newValues], 2));
    }

    internal override void Advance(long tokens)
    {
        if (!HasPrefix) Length = tokens;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (var t in keys) t?.Dispose();
        foreach (var t in values) t?.Dispose();
    }
}
