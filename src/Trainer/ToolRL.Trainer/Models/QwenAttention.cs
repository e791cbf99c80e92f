using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// Grouped-query self-attention of Qwen2/Qwen3: q/k/v projections (biased in Qwen2), Qwen3's per-head
/// RMSNorm on q and k, rotary embeddings, softmax(q kᵀ / √d + mask) v, output projection.
/// </summary>
internal sealed class QwenAttention : nn.Module
{
    readonly LinearLayer qProj, kProj, vProj, oProj;
    readonly RmsNorm? qNorm, kNorm;
    readonly int heads, kvHeads, headDim;

    /// <summary>Creates the block for one layer.</summary>
    public QwenAttention(ModelConfig config, Device device, ScalarType dtype) : base("QwenAttention")
    {
        heads = config.NumAttentionHeads;
        kvHeads = config.NumKeyValueHeads;
        headDim = config.HeadDim;
        qProj = new LinearLayer(config.HiddenSize, heads * headDim, config.AttentionBias, device, dtype);
        kProj = new LinearLayer(config.HiddenSize, kvHeads * headDim, config.AttentionBias, device, dtype);
        vProj = new LinearLayer(config.HiddenSize, kvHeads * headDim, config.AttentionBias, device, dtype);
        oProj = new LinearLayer(heads * headDim, config.HiddenSize, false, device, dtype);
        register_module("q_proj", qProj);
        register_module("k_proj", kProj);
        register_module("v_proj", vProj);
        register_module("o_proj", oProj);
        if (config.Family == ModelFamily.Qwen3)
        {
            qNorm = new RmsNorm(headDim, config.RmsNormEps, device, dtype);
            kNorm = new RmsNorm(headDim, config.RmsNormEps, device, dtype);
            register_module("q_norm", qNorm);
            register_module("k_norm", kNorm);
        }
    }

    /// <summary>
    /// x [B, T, hidden]; cos/sin [B, T, d]; mask [B, 1, T, S] bool (true = may attend) or null for plain
    /// causal attention without a past; cache optional.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, AttentionCache? cache, int layerIndex)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = qProj.forward(x).view(b, t, heads, headDim);
        var k = kProj.forward(x).view(b, t, kvHeads, headDim);
        var v = vProj.forward(x).view(b, t, kvHeads, headDim).transpose(1, 2);
        if (qNorm is not null) q = qNorm.forward(q);
        if (kNorm is not null) k = kNorm.forward(k);
        q = RotaryEmbedding.Apply(q.transpose(1, 2), cos, sin);
        k = RotaryEmbedding.Apply(k.transpose(1, 2), cos, sin);
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);
        Tensor attended;
        if (kvHeads == heads)
        {
            attended = mask is null
                ? nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true)
                : nn.functional.scaled_dot_product_attention(q, k, v, mask);
        }
        else if (mask is null)
        {
            // Query head h reads key/value head h / (heads / kvHeads), as HF's repeat_kv.
            attended = nn.functional.scaled_dot_product_attention(
                q, k.repeat_interleave(heads / kvHeads, 1), v.repeat_interleave(heads / kvHeads, 1), is_casual: true);
        }
        else
        {
            // Same grouping without copying keys/values per query head: the query heads of one key/value head become
            // extra query rows ([B, kvHeads, groups·T, d]), and each row's mask is its token's. Decoding reads the whole
            // cache every step, so the copy repeat_kv makes would cost more than the attention itself.
            long groups = heads / kvHeads;
            var grouped = q.reshape(b, kvHeads, groups * t, headDim);
            // One query token (decoding): every grouped row has the same mask, which broadcasts as it is.
            var groupedMask = t == 1 ? mask : mask.repeat(1, 1, groups, 1);
            attended = nn.functional.scaled_dot_product_attention(grouped, k, v, groupedMask).view(b, heads, t, headDim);
        }
        var merged = attended.transpose(1, 2).reshape(b, t, heads * headDim);
        return oProj.forward(merged).MoveToOuterDisposeScope();
    }
}
