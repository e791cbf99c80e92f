using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>SwiGLU feed-forward: down_proj(silu(gate_proj(x)) · up_proj(x)).</summary>
internal sealed class QwenMlp : nn.Module<Tensor, Tensor>
{
    readonly LinearLayer gateProj, upProj, downProj;

    /// <summary>Creates the block for one layer.</summary>
    public QwenMlp(ModelConfig config, Device device, ScalarType dtype) : base("QwenMlp")
    {
        gateProj = new LinearLayer(config.HiddenSize, config.IntermediateSize, false, device, dtype);
        upProj = new LinearLayer(config.HiddenSize, config.IntermediateSize, false, device, dtype);
        downProj = new LinearLayer(config.IntermediateSize, config.HiddenSize, false, device, dtype);
        register_module("gate_proj", gateProj);
        register_module("up_proj", upProj);
        register_module("down_proj", downProj);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return downProj.forward(nn.functional.silu(gateProj.forward(x)) * upProj.forward(x)).MoveToOuterDisposeScope();
    }
}
