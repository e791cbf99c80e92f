using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>Pre-norm decoder layer: h = x + attn(norm(x)); out = h + mlp(norm(h)).</summary>
internal sealed class QwenDecoderLayer : nn.Module
{
    readonly RmsNorm inputLayernorm, postAttentionLayernorm;
    readonly QwenAttention selfAttn;
    readonly QwenMlp mlp;
    readonly int index;

    /// <summary>Creates layer <paramref name="index"/>.</summary>
    public QwenDecoderLayer(ModelConfig config, int index, Device device, ScalarType dtype) : base("QwenDecoderLayer")
    {
        this.index = index;
        inputLayernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        selfAttn = new QwenAttention(config, device, dtype);
        postAttentionLayernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        mlp = new QwenMlp(config, device, dtype);
        register_module("input_layernorm", inputLayernorm);
        register_module("self_attn", selfAttn);
        register_module("post_attention_layernorm", postAttentionLayernorm);
        register_module("mlp", mlp);
    }

    /// <summary>Runs the layer; see <see cref="QwenAttention.Forward"/> for the arguments.</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, AttentionCache? cache)
    {
        using var scope = NewDisposeScope();
        var h = x + selfAttn.Forward(inputLayernorm.forward(x), cos, sin, mask, cache, index);
        return (h + mlp.forward(postAttentionLayernorm.forward(h))).MoveToOuterDisposeScope();
    }
}
