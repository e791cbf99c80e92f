namespace ToolRL.Trainer.Generation;

/// <summary>Why a row stopped.</summary>
internal enum FinishReason
{
    /// <summary>It produced one of the stop tokens (included as its last token).</summary>
    Stop,
    /// <summary>It reached MaxNewTokens.</summary>
    Length,
}

/// <summary>One generated row: the new tokens and the log-prob of each under the sampling temperature.</summary>
internal sealed record GeneratedSequence(int[] Tokens, float[] LogProbs, FinishReason Finish);
