using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>Moves per-response rewards onto the token grid of a right-padded response batch.</summary>
internal static class TokenBroadcast
{
    /// <summary>
    /// verl's token-level reward layout: the whole outcome reward on the last valid token of each response, 0 elsewhere.
    /// A response without valid tokens cannot carry a reward and is rejected.
    /// </summary>
    public static Tensor OnLastToken(IReadOnlyList<double> values, Tensor responseMask)
    {
        CheckBatch(values.Count, responseMask);
        var mask = responseMask.to_type(ScalarType.Float32).cpu();
        var (batch, length) = ((int)mask.shape[0], (int)mask.shape[1]);
        var maskData = mask.data<float>().ToArray();
        var rewards = new float[batch * length];
        for (var b = 0; b < batch; b++)
        {
            var last = -1;
            for (var t = 0; t < length; t++)
                if (maskData[b * length + t] != 0)
                    last = t;
            if (last < 0)
                throw new ArgumentException($"Response {b} has no valid token to carry its reward.", nameof(responseMask));
            rewards[b * length + last] = (float)values[b];
        }
        return torch.tensor(rewards, [batch, length], ScalarType.Float32, responseMask.device);
    }

    private static void CheckBatch(int count, Tensor responseMask)
    {
        if (responseMask.dim() != 2)
            throw new ArgumentException($"The response mask must be [batch, tokens], got {responseMask.dim()} dimensions.");
        if (responseMask.shape[0] != count)
            throw new ArgumentException($"{count} values for a mask of {responseMask.shape[0]} responses.");
    }
}
