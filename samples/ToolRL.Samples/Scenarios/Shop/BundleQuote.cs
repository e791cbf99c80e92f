namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>The price of a bundle of products.</summary>
/// <param name="Products">Units in the bundle.</param>
/// <param name="Subtotal">Sum of the unit prices.</param>
/// <param name="Discount">The bundle discount.</param>
/// <param name="Total">What the bundle costs.</param>
public sealed record BundleQuote(int Products, decimal Subtotal, decimal Discount, decimal Total);
