namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>The cart's total, before shipping.</summary>
/// <param name="Items">Units in the cart.</param>
/// <param name="Subtotal">Sum of the lines.</param>
/// <param name="Coupon">The coupon applied, or "none".</param>
/// <param name="Discount">The coupon's discount.</param>
/// <param name="Total">Subtotal minus discount.</param>
public sealed record CartTotal(int Items, decimal Subtotal, string Coupon, decimal Discount, decimal Total);
