namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>How fast an order ships; see <see cref="ShopWorld"/> for costs and business days.</summary>
public enum ShippingSpeed
{
    /// <summary>Five business days; free from 100 dollars.</summary>
    Standard,
    /// <summary>Two business days.</summary>
    Express,
    /// <summary>Next business day.</summary>
    Overnight,
}
