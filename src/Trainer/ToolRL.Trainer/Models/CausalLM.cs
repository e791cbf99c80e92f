using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// A Qwen2/Qwen3 causal language model (HF's <c>Qwen2ForCausalLM</c> / <c>Qwen3ForCausalLM</c>) whose
/// parameter names equal HF's: <c>model.embed_tokens.weight</c>, <c>model.layers.{i}.self_attn.q_proj.weight</c>,
/// …, <c>model.norm.weight</c>, <c>lm_head.weight</c> (absent when embeddings are tied).
/// </summary>
/// <remarks>
/// Padding convention: rows are left-padded; <c>attentionMask</c> [B, past+T] marks real tokens (1) and
/// pads (0) for the cached slots and the new ones; <c>positions</c> [B, T] are per-row positions of the new
/// tokens (count of real tokens before them). A pad query attends only to itself, so no row is ever fully masked.
/// </remarks>
public sealed class CausalLM : nn.Module
{
    readonly QwenModel model;
    readonly LinearLayer? lmHead;

    /// <summary>Creates a model with uninitialized weights on <paramref name="device"/> in <paramref name="dtype"/>.</summary>
    public CausalLM(ModelConfig config, Device? device = null, ScalarType dtype = ScalarType.Float32) : base("CausalLM")
    {
        Config = config;
        Device = device ?? CPU;
        DType = dtype;
        EndTokenIds = config.EosTokenIds;
        model = new QwenModel(config, Device, dtype);
        register_module("model", model);
        if (!config.TieWordEmbeddings)
        {
            lmHead = new LinearLayer(config.HiddenSize, config.VocabSize, false, Device, dtype);
            register_module("lm_head", lmHead);
        }
    }

    /// <summary>The HF configuration.</summary>
    public ModelConfig Config { get; }
    /// <summary>Where the parameters live.</summary>
    public Device Device { get; }
    /// <summary>Parameter dtype.</summary>
    public ScalarType DType { get; }
    /// <summary>Token ids that end generation: config.json eos_token_id plus generation_config.json eos_token_id.</summary>
    public IReadOnlyList<int> EndTokenIds { get; set; } = [];

    /// <summary>Logits [B, T, vocab] (model dtype) for unpadded sequences, no cache.</summary>
    public Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        long b = inputIds.shape[0], t = inputIds.shape[1];
        var positions = ScalarMath.Range(t, ScalarType.Int64, inputIds.device).unsqueeze(0).expand(b, t);
        return Logits(Hidden(inputIds, positions, null, null)).MoveToOuterDisposeScope();
    }

    /// <summary>Logits [B, T, vocab] (model dtype); see the class remarks for the arguments.</summary>
    public Tensor forward(Tensor inputIds, Tensor positions, Tensor? attentionMask, AttentionCache? cache = null)
    {
        using var scope = NewDisposeScope();
        return Logits(Hidden(inputIds, positions, attentionMask, cache)).MoveToOuterDisposeScope();
    }

    /// <summary>Final hidden states [B, T, hidden]; pair with <see cref="Logits"/> to project only some positions.</summary>
    public Tensor Hidden(Tensor inputIds, Tensor positions, Tensor? attentionMask, AttentionCache? cache = null)
    {
        using var scope = NewDisposeScope();
        long past = cache?.Length ?? 0;
        Tensor? mask = attentionMask is null && past == 0 ? null : BuildMask(inputIds, attentionMask, past);
        var hidden = model.Forward(inputIds, positions, mask, cache);
        cache?.Advance(inputIds.shape[1]);
        return hidden.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Final hidden states [B, T, hidden] of <paramref name="suffixIds"/>, rows that all continue <paramref name="prefixIds"/>
    /// [P]: the prefix runs once and its keys/values are broadcast (see <see cref="SharedPrefixCache"/>). Equal, up to
    /// float rounding, to the last T columns of running every row in full; differentiable.
    /// </summary>
    /// <param name="prefixIds">[P] the tokens every row starts with.</param>
    /// <param name="suffixIds">[B, T] each row's tokens after the prefix (left- or right-padded).</param>
    /// <param name="suffixPositions">[B, T] positions counted from the end of the prefix (0 = first token after it).</param>
    /// <param name="suffixMask">[B, T] 1 for real tokens, 0 for pads.</param>
    public Tensor HiddenAfterSharedPrefix(Tensor prefixIds, Tensor suffixIds, Tensor suffixPositions, Tensor suffixMask)
    {
        using var scope = NewDisposeScope();
        long p = prefixIds.shape[0], b = suffixIds.shape[0];
        if (p == 0) throw new ArgumentException("The shared prefix is empty.", nameof(prefixIds));
        using var cache = new SharedPrefixCache(Config.NumHiddenLayers);
        var prefixPositions = ScalarMath.Range(p, ScalarType.Int64, prefixIds.device).unsqueeze(0);
        Hidden(prefixIds.unsqueeze(0), prefixPositions, null, cache);
        var mask = cat([ones(b, p, suffixMask.dtype, suffixMask.device), suffixMask], 1);
        return Hidden(suffixIds, suffixPositions.Plus(p), mask, cache).MoveToOuterDisposeScope();
    }

    /// <summary>lm_head (or the tied embedding matrix) applied to hidden states.</summary>
    public Tensor Logits(Tensor hidden) =>
        lmHead is not null ? lmHead.forward(hidden) : nn.functional.linear(hidden, model.EmbedWeight);

    /// <summary>[B, 1, T, S]: causal over slots, real keys only, and every query may see its own slot.</summary>
    internal static Tensor BuildMask(Tensor inputIds, Tensor? attentionMask, long past)
    {
        long b = inputIds.shape[0], t = inputIds.shape[1], s = past + t;
        if (attentionMask is not null && (attentionMask.shape[0] != b || attentionMask.shape[1] != s))
            throw new ArgumentException($"attentionMask must have shape [{b}, {s}] (past {past} + new {t}), got [{string.Join(", ", attentionMask.shape)}].");
        // One new token per row (a decoding step): every slot is causal, so the mask is the real keys plus the token's
        // own slot, [B, 1, 1, S]: two ops instead of the general path's ten, on a mask as long as the whole cache.
        return t == 1 && attentionMask is not null ? DecodeMask(attentionMask, past) : GeneralMask(inputIds, attentionMask, past);
    }

    /// <summary>BuildMask for a single new token: attentionMask [B, past + 1] as bool with the new slot allowed.</summary>
    internal static Tensor DecodeMask(Tensor attentionMask, long past)
    {
        using var scope = NewDisposeScope();
        using var zero = 0L.ToScalar();
        using var yes = true.ToScalar();
        var allowed = attentionMask.ne(zero); // a fresh tensor, so the in-place fill never writes the caller's mask
        allowed.narrow(1, past, 1).fill_(yes);
        return allowed.view(allowed.shape[0], 1, 1, past + 1).MoveToOuterDisposeScope();
    }

    /// <summary>BuildMask for any number of new tokens (tests compare <see cref="DecodeMask"/> with it).</summary>
    internal static Tensor GeneralMask(Tensor inputIds, Tensor? attentionMask, long past)
    {
        using var scope = NewDisposeScope();
        long b = inputIds.shape[0], t = inputIds.shape[1], s = past + t;
        var device = inputIds.device;
        var keySlots = ScalarMath.Range(s, ScalarType.Int64, device).unsqueeze(0);          // [1, S]
        var querySlots = ScalarMath.Range(past, s, 1, ScalarType.Int64, device).unsqueeze(1); // [T, 1]
        var causal = keySlots.le(querySlots);                                       // [T, S]
        var self = keySlots.eq(querySlots);
        var allowed = attentionMask is null
            ? causal.unsqueeze(0).expand(b, t, s)
            : causal.unsqueeze(0).logical_and(attentionMask.to(ScalarType.Bool).unsqueeze(1)).logical_or(self.unsqueeze(0));
        return allowed.unsqueeze(1).MoveToOuterDisposeScope();
    }
}
