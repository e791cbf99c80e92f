namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>The shop's departments.</summary>
public enum ProductCategory
{
    /// <summary>Lamps and bulbs.</summary>
    Lighting,
    /// <summary>Desks, chairs, shelves.</summary>
    Furniture,
    /// <summary>Cookware and tableware.</summary>
    Kitchen,
    /// <summary>Computer accessories and audio.</summary>
    Electronics,
    /// <summary>Paper and pens.</summary>
    Stationery,
}
