namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>The shop's fixed catalog; <see cref="Product.InStock"/> is the stock each new session starts with.</summary>
public static class ShopCatalog
{
    /// <summary>Every product, grouped by category.</summary>
    public static IReadOnlyList<Product> Products { get; } =
    [
        new("LAMP-01", "Desk Lamp", ProductCategory.Lighting, 29.99m, 14),
        new("LAMP-02", "Floor Lamp", ProductCategory.Lighting, 74.50m, 6),
        new("BULB-04", "LED Bulb 4-Pack", ProductCategory.Lighting, 12.00m, 40),
        new("DESK-10", "Standing Desk", ProductCategory.Furniture, 389.00m, 3),
        new("CHAIR-07", "Ergonomic Chair", ProductCategory.Furniture, 249.90m, 5),
        new("SHELF-03", "Wall Shelf", ProductCategory.Furniture, 45.00m, 11),
        new("KETTLE-02", "Electric Kettle", ProductCategory.Kitchen, 39.95m, 9),
        new("MUG-12", "Ceramic Mug", ProductCategory.Kitchen, 8.50m, 60),
        new("PAN-05", "Cast Iron Pan", ProductCategory.Kitchen, 54.00m, 7),
        new("HDPH-01", "Wireless Headphones", ProductCategory.Electronics, 129.00m, 8),
        new("KBD-09", "Mechanical Keyboard", ProductCategory.Electronics, 99.00m, 12),
        new("CABLE-06", "USB-C Cable", ProductCategory.Electronics, 9.99m, 75),
        new("NOTE-20", "Dotted Notebook", ProductCategory.Stationery, 6.75m, 50),
        new("PEN-03", "Fountain Pen", ProductCategory.Stationery, 35.00m, 4),
    ];

    /// <summary>The day every order is placed on, so delivery dates are reproducible (a Monday).</summary>
    public static DateOnly OrderDay { get; } = new(2025, 6, 2);
}
