namespace ToolRL.Samples.Describe;

/// <summary>What <c>describe</c> prints.</summary>
/// <param name="Scenario">Only this scenario; null for all of them.</param>
/// <param name="Markdown">Print each scenario's Markdown page instead of the tool list with schemas.</param>
public sealed record DescribeOptions(string? Scenario = null, bool Markdown = false);
