namespace ToolRL.Trainer.Sft;

/// <summary>
/// One tokenized training sequence: token ids and, parallel to them, which tokens are assistant output
/// (trained on) and which are context (system, user, tool responses, generation prompts).
/// </summary>
/// <param name="Id">Where it came from, e.g. the task id.</param>
/// <param name="TokenIds">The whole sequence.</param>
/// <param name="LossMask">True for assistant tokens: the tokens whose prediction is trained.</param>
public sealed record SftExample(string Id, int[] TokenIds, bool[] LossMask)
{
    /// <summary>Assistant tokens in the sequence.</summary>
    public int TargetTokenCount => LossMask.Count(m => m);

    /// <summary>Throws when the ids and the mask disagree or nothing is trained.</summary>
    public void Validate()
    {
        if (TokenIds.Length != LossMask.Length)
            throw new ArgumentException($"SFT example '{Id}': {TokenIds.Length} tokens but {LossMask.Length} mask entries.");
        if (TokenIds.Length < 2)
            throw new ArgumentException($"SFT example '{Id}' has {TokenIds.Length} tokens; at least 2 are needed.");
        if (LossMask[0])
            throw new ArgumentException($"SFT example '{Id}': the first token cannot be a target (nothing precedes it).");
        if (!LossMask.Any(m => m))
            throw new ArgumentException($"SFT example '{Id}' has no assistant tokens to train on.");
    }
}
