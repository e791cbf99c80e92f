namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>An amount of money in a currency.</summary>
/// <param name="Amount">The amount, rounded to two decimals.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
public sealed record Money(decimal Amount, string Currency);
