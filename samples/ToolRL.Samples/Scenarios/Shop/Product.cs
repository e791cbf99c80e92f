namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>A catalog product.</summary>
/// <param name="Sku">Stock-keeping unit code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Category">Department.</param>
/// <param name="Price">Unit price in US dollars.</param>
/// <param name="InStock">Units available.</param>
public sealed record Product(string Sku, string Name, ProductCategory Category, decimal Price, int InStock);
