namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>A delivery address.</summary>
/// <param name="Name">Recipient.</param>
/// <param name="Street">Street and number.</param>
/// <param name="City">City.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="Country">Country.</param>
public sealed record ShippingAddress(string Name, string Street, string City, string PostalCode, string Country);
