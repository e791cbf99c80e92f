namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>
/// One product's line in the cart right after a change to it. Only this line is reported, not cart-wide
/// totals, so adding two different products gives the same answers in either order; the cart as a whole
/// is what <see cref="IShop.GetCartTotal"/> reports.
/// </summary>
/// <param name="Sku">The product that changed.</param>
/// <param name="QuantityInCart">Its units in the cart now (0 after removal).</param>
/// <param name="UnitPrice">Its unit price in US dollars.</param>
/// <param name="LineTotal">Units times unit price.</param>
public sealed record CartLine(string Sku, int QuantityInCart, decimal UnitPrice, decimal LineTotal);
