namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>A placed order.</summary>
/// <param name="OrderId">Order number, derived from the order's content.</param>
/// <param name="Items">Units ordered.</param>
/// <param name="Shipping">Shipping cost.</param>
/// <param name="Total">Subtotal plus shipping, in US dollars.</param>
/// <param name="ShipTo">Recipient and city.</param>
/// <param name="Delivery">Expected delivery day.</param>
public sealed record OrderConfirmation(string OrderId, int Items, decimal Shipping, decimal Total, string ShipTo, DateOnly Delivery);
