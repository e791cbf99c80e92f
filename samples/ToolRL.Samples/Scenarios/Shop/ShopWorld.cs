using System.Globalization;
using ToolRL.Samples.Common;

namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>
/// The local implementation of <see cref="IShop"/>. One instance is one customer's session: it owns the
/// cart, the stock it has drawn down and the orders placed, so separate instances never share state.
/// Not thread-safe; an episode calls its tools one at a time.
/// </summary>
public sealed class ShopWorld : IShop
{
    private const int MaxUnitsPerAdd = 10;

    private static readonly Dictionary<string, Product> CatalogBySku =
        ShopCatalog.Products.ToDictionary(p => p.Sku, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, int> _stock =
        ShopCatalog.Products.ToDictionary(p => p.Sku, p => p.InStock, StringComparer.OrdinalIgnoreCase);

    // Cart lines in the order they were first added: SKU → units.
    private readonly List<KeyValuePair<string, int>> _cart = [];

    private readonly List<OrderConfirmation> _orders = [];

    /// <summary>The orders placed in this session, oldest first.</summary>
    public IReadOnlyList<OrderConfirmation> Orders => _orders;

    /// <inheritdoc />
    public string FindSku(string productName)
    {
        var query = productName.Trim();
        var exact = ShopCatalog.Products.FirstOrDefault(p => p.Name.Equals(query, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
            return exact.Sku;

        // Otherwise the one product whose name contains every word of the query.
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matches = ShopCatalog.Products
            .Where(p => words.Length > 0 && words.All(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return matches.Count switch
        {
            1 => matches[0].Sku,
            0 => throw new ArgumentException($"no product matches '{productName}'"),
            _ => throw new ArgumentException(
                $"'{productName}' matches several products ({string.Join(", ", matches.Select(p => p.Name))}); be more specific"),
        };
    }

    /// <inheritdoc />
    public Product GetProduct(string sku)
    {
        var product = FindProduct(sku);
        return product with { InStock = _stock[product.Sku] };
    }

    /// <inheritdoc />
    public List<string> ListCategory(ProductCategory category) =>
        ShopCatalog.Products.Where(p => p.Category == category).Select(p => p.Name).ToList();

    /// <inheritdoc />
    public BundleQuote QuoteBundle(List<string> skus)
    {
        if (skus.Count == 0)
            throw new ArgumentException("a bundle needs at least one SKU");
        var subtotal = skus.Sum(s => FindProduct(s).Price);
        var rate = skus.Count >= 3 ? 0.15m : skus.Count == 2 ? 0.05m : 0m;
        var discount = RoundCents(subtotal * rate);
        return new BundleQuote(skus.Count, subtotal, discount, subtotal - discount);
    }

    /// <inheritdoc />
    public CartSummary AddToCart(string sku, int quantity)
    {
        var product = FindProduct(sku);
        if (quantity is < 1 or > MaxUnitsPerAdd)
            throw new ArgumentException($"quantity must be between 1 and {MaxUnitsPerAdd}, got {quantity}");
        var index = _cart.FindIndex(l => l.Key == product.Sku);
        var inCart = index < 0 ? 0 : _cart[index].Value;
        var available = _stock[product.Sku];
        if (inCart + quantity > available)
            throw new ArgumentException($"only {available} units of {product.Sku} are in stock and {inCart} are already in the cart");

        var line = new KeyValuePair<string, int>(product.Sku, inCart + quantity);
        if (index < 0)
            _cart.Add(line);
        else
            _cart[index] = line;
        return Summarize(product.Sku, line.Value);
    }

    /// <inheritdoc />
    public CartSummary RemoveFromCart(string sku)
    {
        var product = FindProduct(sku);
        var index = _cart.FindIndex(l => l.Key == product.Sku);
        if (index < 0)
            throw new ArgumentException($"{product.Sku} is not in the cart");
        _cart.RemoveAt(index);
        return Summarize(product.Sku, 0);
    }

    /// <inheritdoc />
    public CartTotal GetCartTotal(string? couponCode = null)
    {
        var subtotal = CartSubtotal();
        var coupon = couponCode?.Trim().ToUpperInvariant();
        var discount = coupon switch
        {
            null or "" => 0m,
            "SAVE10" => RoundCents(subtotal * 0.10m),
            "WELCOME5" => subtotal >= 50m ? 5m : 0m,
            _ => throw new ArgumentException($"unknown coupon '{couponCode}'; valid coupons are SAVE10 and WELCOME5"),
        };
        return new CartTotal(CartItems(), subtotal, string.IsNullOrEmpty(coupon) ? "none" : coupon, discount, subtotal - discount);
    }

    /// <inheritdoc />
    public OrderConfirmation PlaceOrder(ShippingAddress address, ShippingSpeed speed)
    {
        if (_cart.Count == 0)
            throw new InvalidOperationException("the cart is empty; add products before placing an order");
        if (string.IsNullOrWhiteSpace(address.Name) || string.IsNullOrWhiteSpace(address.City))
            throw new ArgumentException("the address needs at least a recipient name and a city");

        var subtotal = CartSubtotal();
        var shipping = speed switch
        {
            ShippingSpeed.Standard => subtotal >= 100m ? 0m : 4.99m,
            ShippingSpeed.Express => 14.99m,
            ShippingSpeed.Overnight => 29.99m,
            _ => throw new ArgumentOutOfRangeException(nameof(speed), speed, "unknown shipping speed"),
        };
        var businessDays = speed switch { ShippingSpeed.Standard => 5, ShippingSpeed.Express => 2, _ => 1 };

        // The id hashes the order's content, so a different cart, address or speed gives a different id.
        var lines = string.Join(";", _cart.Select(l => $"{l.Key}x{l.Value}"));
        var hash = StableHash.Of(lines, address.Name, address.Street, address.City, address.PostalCode, address.Country, speed.ToString());
        var orderId = "ORD-" + (100000 + hash % 900000).ToString(CultureInfo.InvariantCulture);

        var order = new OrderConfirmation(
            orderId, CartItems(), shipping, subtotal + shipping, $"{address.Name}, {address.City}",
            AddBusinessDays(ShopCatalog.OrderDay, businessDays));
        foreach (var (sku, units) in _cart)
            _stock[sku] -= units;
        _cart.Clear();
        _orders.Add(order);
        return order;
    }

    private static Product FindProduct(string sku) =>
        CatalogBySku.TryGetValue(sku.Trim(), out var product)
            ? product
            : throw new ArgumentException($"no product with SKU '{sku}'");

    private CartSummary Summarize(string sku, int quantityInCart) => new(sku, quantityInCart, CartItems(), CartSubtotal());

    private int CartItems() => _cart.Sum(l => l.Value);

    private decimal CartSubtotal() => _cart.Sum(l => CatalogBySku[l.Key].Price * l.Value);

    private static decimal RoundCents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static DateOnly AddBusinessDays(DateOnly day, int businessDays)
    {
        while (businessDays > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                businessDays--;
        }
        return day;
    }
}
