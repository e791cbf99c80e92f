namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>A country of the travel data.</summary>
/// <param name="Name">English name.</param>
/// <param name="Capital">Capital city (also listed in <see cref="TravelData.Cities"/>).</param>
/// <param name="LargestCity">Most populous city proper (also listed in <see cref="TravelData.Cities"/>).</param>
/// <param name="Currency">ISO 4217 code of its currency; no two countries of the data share one.</param>
public sealed record Country(string Name, string Capital, string LargestCity, string Currency);
