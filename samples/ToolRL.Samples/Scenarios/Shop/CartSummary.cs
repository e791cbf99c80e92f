namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>The cart right after a change to one product's line.</summary>
/// <param name="Sku">The product that changed.</param>
/// <param name="QuantityInCart">Its units in the cart now (0 after removal).</param>
/// <param name="CartItems">Units in the whole cart.</param>
/// <param name="CartSubtotal">Sum of the cart's lines in US dollars.</param>
public sealed record CartSummary(string Sku, int QuantityInCart, int CartItems, decimal CartSubtotal);
