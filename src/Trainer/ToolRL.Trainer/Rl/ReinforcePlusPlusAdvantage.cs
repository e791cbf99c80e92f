using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// REINFORCE++ as verl's <c>compute_reinforce_plus_plus_outcome_advantage</c>: discounted returns of the token-level
/// rewards (γ = 1 by default, the paper's setting, so every valid token's return is the response's outcome reward),
/// then whitened over every valid token of the whole batch (<see cref="MaskedStatistics.Whiten"/>: masked mean,
/// unbiased masked variance, ε = 1e-8) and masked. No critic and no group baseline.
/// </summary>
internal static class ReinforcePlusPlusAdvantage
{
    /// <summary>Advantages and returns, both <c>[batch, tokens]</c>.</summary>
    /// <param name="tokenLevelRewards">Rewards per token, e.g. from <see cref="TokenBroadcast.OnLastToken"/>.</param>
    /// <param name="responseMask">1 on valid response tokens.</param>
    /// <param name="gamma">Discount factor; verl's default 1.0.</param>
    public static (Tensor Advantages, Tensor Returns) Compute(Tensor tokenLevelRewards, Tensor responseMask, double gamma = 1.0)
    {
        if (!tokenLevelRewards.shape.SequenceEqual(responseMask.shape))
            throw new ArgumentException(
                $"Rewards [{string.Join(", ", tokenLevelRewards.shape)}] and mask [{string.Join(", ", responseMask.shape)}] must have one shape.");
        if (tokenLevelRewards.dim() != 2)
            throw new ArgumentException("Rewards must be [batch, tokens].", nameof(tokenLevelRewards));

        var (batch, length) = ((int)tokenLevelRewards.shape[0], (int)tokenLevelRewards.shape[1]);
        var rewards = tokenLevelRewards.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
        var mask = responseMask.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
        var returns = new float[rewards.Length];
        for (var b = 0; b < batch; b++)
        {
            // Walk backwards; the running return resets after the end of the response (mask 0), as verl does.
            double running = 0;
            for (var t = length - 1; t >= 0; t--)
            {
                var i = b * length + t;
                running = rewards[i] + gamma * running;
                returns[i] = (float)running;
                running *= mask[i];
            }
        }

        var returnsTensor = torch.tensor(returns, [batch, length], ScalarType.Float32, tokenLevelRewards.device);
        using var maskFloat = responseMask.to_type(ScalarType.Float32);
        using var whitened = MaskedStatistics.Whiten(returnsTensor, maskFloat);
        return (whitened * maskFloat, returnsTensor);
    }

    /// <summary>Convenience: one outcome reward per response placed on its last valid token, then <see cref="Compute(Tensor, Tensor, double)"/>.</summary>
    public static (Tensor Advantages, Tensor Returns) FromOutcomes(IReadOnlyList<double> scores, Tensor responseMask, double gamma = 1.0)
    {
        using var tokenRewards = TokenBroadcast.OnLastToken(scores, responseMask);
        return Compute(tokenRewards, responseMask, gamma);
    }
}
