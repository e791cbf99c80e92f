namespace ToolRL.Trainer.Sft;

/// <summary>What an SFT run did.</summary>
/// <param name="Losses">Mean assistant-token cross-entropy of each step's batch, before that step's update.</param>
/// <param name="TrainedTokens">Assistant tokens trained on over all steps.</param>
/// <param name="ProcessedTokens">All tokens (context included) run through the model.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SftResult(IReadOnlyList<double> Losses, long TrainedTokens, long ProcessedTokens, TimeSpan Elapsed)
{
    /// <summary>Tokens (context included) per second.</summary>
    public double TokensPerSecond => ProcessedTokens / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
