using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>RMSNorm as in HF Qwen: normalize in fp32, cast back, then scale by <c>weight</c>.</summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly double eps;

    /// <summary>Creates the norm with weight = 1.</summary>
    public RmsNorm(long size, double eps, Device device, ScalarType dtype) : base("RmsNorm")
    {
        this.eps = eps;
        weight = ParameterFactory.Ones(device, dtype, size);
        register_parameter("weight", weight);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        var variance = x.square().mean([-1L], keepdim: true);
        var normed = (x * torch.rsqrt(variance.Plus(eps))).to(input.dtype);
        return (weight * normed).MoveToOuterDisposeScope();
    }
}
