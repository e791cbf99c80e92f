namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>An online home-and-office shop: find products, fill a cart, quote bundles and place orders.</summary>
[Scenario("shop")]
public partial interface IShop
{
    /// <summary>Finds the SKU (stock-keeping unit code) of a product by its name.</summary>
    /// <param name="productName">The product's name or the distinctive words of it, e.g. "desk lamp".</param>
    [Tool(Phrase = "the SKU of the {productName}")]
    string FindSku(string productName);

    /// <summary>Returns a product's name, category, unit price in US dollars and units in stock.</summary>
    /// <param name="sku">The product's SKU, e.g. "LAMP-01".</param>
    [Tool(Phrase = "the details of product {sku}")]
    Product GetProduct(string sku);

    /// <summary>Lists the names of the products sold in a category.</summary>
    /// <param name="category">The product category.</param>
    [Tool(Phrase = "the products in the {category} category")]
    List<string> ListCategory(ProductCategory category);

    /// <summary>Prices a set of products bought together: 5% off for two products, 15% off for three or more. Does not touch the cart.</summary>
    /// <param name="skus">The SKUs in the bundle, one per unit.</param>
    [Tool(Phrase = "the price of a bundle of {skus}")]
    BundleQuote QuoteBundle(List<string> skus);

    /// <summary>Adds units of a product to the shopping cart and returns the cart after the change.</summary>
    /// <param name="sku">The product's SKU.</param>
    /// <param name="quantity">How many units to add, 1 to 10.</param>
    [Tool(Phrase = "the cart after adding {quantity} of {sku}")]
    CartSummary AddToCart(string sku, int quantity);

    /// <summary>Removes every unit of a product from the shopping cart and returns the cart after the change.</summary>
    /// <param name="sku">The product's SKU.</param>
    [Tool(Phrase = "the cart after removing {sku}")]
    CartSummary RemoveFromCart(string sku);

    /// <summary>Totals the shopping cart, optionally with a coupon: SAVE10 takes 10% off, WELCOME5 takes 5 dollars off a subtotal of at least 50.</summary>
    /// <param name="couponCode">A coupon code, or null for none.</param>
    [Tool(Phrase = "the cart total with coupon {couponCode}")]
    CartTotal GetCartTotal(string? couponCode = null);

    /// <summary>Places an order for everything in the cart, empties the cart and returns the confirmation. Shipping: standard 4.99 (free from 100), express 14.99, overnight 29.99.</summary>
    /// <param name="address">Where to ship the order.</param>
    /// <param name="speed">The shipping speed.</param>
    [Tool(Phrase = "the confirmation of an order shipped {speed} to {address}")]
    OrderConfirmation PlaceOrder(ShippingAddress address, ShippingSpeed speed);
}
