namespace ToolRL.Trainer.Rollouts;

/// <summary>Lexicographic order of token sequences: sorted prompts put those sharing a prefix next to each other.</summary>
internal sealed class TokenOrder : IComparer<int[]>
{
    public static TokenOrder Instance { get; } = new();

    public int Compare(int[]? x, int[]? y) => x.AsSpan().SequenceCompareTo(y);
}
