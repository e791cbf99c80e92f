using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>The decoder stack (HF's <c>model.</c> prefix): embed_tokens, layers, final norm.</summary>
internal sealed class QwenModel : nn.Module
{
    readonly ModelConfig config;
    readonly EmbeddingTable embedTokens;
    readonly ModuleList<QwenDecoderLayer> layers;
    readonly RmsNorm norm;

    /// <summary>Creates the stack with uninitialized weights.</summary>
    public QwenModel(ModelConfig config, Device device, ScalarType dtype) : base("QwenModel")
    {
        this.config = config;
        embedTokens = new EmbeddingTable(config.VocabSize, config.HiddenSize, device, dtype);
        layers = new ModuleList<QwenDecoderLayer>();
        for (int i = 0; i < config.NumHiddenLayers; i++) layers.Add(new QwenDecoderLayer(config, i, device, dtype));
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device, dtype);
        register_module("embed_tokens", embedTokens);
        register_module("layers", layers);
        register_module("norm", norm);
    }

    /// <summary>model.embed_tokens.weight [vocab, hidden] (also the tied lm_head).</summary>
    public Parameter EmbedWeight => embedTokens.Weight;

    /// <summary>Hidden states [B, T, hidden] after the final norm.</summary>
    public Tensor Forward(Tensor inputIds, Tensor positions, Tensor? mask, AttentionCache? cache)
    {
        using var scope = NewDisposeScope();
        var x = EmbedWeight.index_select(0, inputIds.reshape(-1)).view(inputIds.shape[0], inputIds.shape[1], -1);
        var (cos, sin) = RotaryEmbedding.CosSin(positions, config.HeadDim, config.RopeTheta, x.dtype);
        foreach (var layer in layers) x = layer.Forward(x, cos, sin, mask, cache);
        return norm.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>Holds <c>weight</c> under the name <c>embed_tokens</c>.</summary>
    sealed class EmbeddingTable : nn.Module
    {
        // TorchSharp also discovers Parameter fields by reflection: the field's name must be HF's.
        readonly Parameter weight;

        public EmbeddingTable(long vocab, long hidden, Device device, ScalarType dtype) : base("EmbeddingTable")
        {
            weight = ParameterFactory.Empty(device, dtype, vocab, hidden);
            register_parameter("weight", weight);
        }

        public Parameter Weight => weight;
    }
}
