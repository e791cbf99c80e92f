using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Models;

/// <summary>
/// Creates uninitialized parameters directly on the target device and dtype: weights are always loaded
/// from a checkpoint (or filled by <see cref="Checkpoints.TinyCheckpoint"/>), so random init would be wasted work.
/// </summary>
internal static class ParameterFactory
{
    public static Parameter Empty(Device device, ScalarType dtype, params long[] shape) =>
        new(torch.empty(shape, dtype, device), requires_grad: true);

    public static Parameter Ones(Device device, ScalarType dtype, params long[] shape) =>
        new(torch.ones(shape, dtype, device), requires_grad: true);
}
