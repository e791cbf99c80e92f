namespace ToolRL.Construction.Integration;

/// <summary>A group of tools whose functionality overlaps, with why.</summary>
/// <param name="Tools">The overlapping tools' names, in declaration order.</param>
/// <param name="Similarity">The lowest pairwise name/description similarity inside the group (0–1).</param>
/// <param name="Reason">A readable explanation (shared shape, similar wording).</param>
public sealed record ToolOverlap(IReadOnlyList<string> Tools, double Similarity, string Reason);
