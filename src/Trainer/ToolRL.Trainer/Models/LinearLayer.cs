using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>y = x Wᵀ (+ b), with HF's parameter names <c>weight</c> [out, in] and <c>bias</c> [out].</summary>
internal sealed class LinearLayer : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter? bias;

    /// <summary>Creates the layer with uninitialized parameters.</summary>
    public LinearLayer(long inFeatures, long outFeatures, bool hasBias, Device device, ScalarType dtype) : base("LinearLayer")
    {
        weight = ParameterFactory.Empty(device, dtype, outFeatures, inFeatures);
        register_parameter("weight", weight);
        if (hasBias)
        {
            bias = ParameterFactory.Empty(device, dtype, outFeatures);
            register_parameter("bias", bias);
        }
    }

    /// <summary>The weight [out, in].</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
