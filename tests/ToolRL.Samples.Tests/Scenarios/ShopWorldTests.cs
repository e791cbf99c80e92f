using ToolRL.Samples.Scenarios.Shop;

namespace ToolRL.Samples.Tests.Scenarios;

public class ShopWorldTests
{
    private static readonly ShippingAddress Lyon = new("Ana Silva", "12 Rue Merciere", "Lyon", "69002", "France");

    [Fact]
    public void Skus_are_found_by_full_name_or_by_distinctive_words()
    {
        var shop = new ShopWorld();
        Assert.Equal("LAMP-01", shop.FindSku("Desk Lamp"));
        Assert.Equal("LAMP-01", shop.FindSku("desk lamp"));
        Assert.Equal("HDPH-01", shop.FindSku("headphones"));
        Assert.Equal("no product matches 'toaster'", Assert.Throws<ArgumentException>(() => shop.FindSku("toaster")).Message);
        Assert.Contains("matches several products (Desk Lamp, Floor Lamp)", Assert.Throws<ArgumentException>(() => shop.FindSku("lamp")).Message);
    }

    [Fact]
    public void Every_product_name_sku_and_price_is_distinct()
    {
        var products = ShopCatalog.Products;
        Assert.Equal(products.Count, products.Select(p => p.Sku).Distinct().Count());
        Assert.Equal(products.Count, products.Select(p => p.Name).Distinct().Count());
        Assert.Equal(products.Count, products.Select(p => p.Price).Distinct().Count());
        var shop = new ShopWorld();
        Assert.All(products, p => Assert.Equal(p.Sku, shop.FindSku(p.Name)));
    }

    [Fact]
    public void Categories_list_their_products_and_no_two_categories_list_the_same()
    {
        var shop = new ShopWorld();
        Assert.Equal(["Electric Kettle", "Ceramic Mug", "Cast Iron Pan"], shop.ListCategory(ProductCategory.Kitchen));
        var lists = Enum.GetValues<ProductCategory>().Select(c => string.Join("|", shop.ListCategory(c))).ToList();
        Assert.Equal(lists.Count, lists.Distinct().Count());
    }

    [Fact]
    public void Bundles_get_5_percent_off_for_two_units_and_15_for_three_or_more()
    {
        var shop = new ShopWorld();
        Assert.Equal(new BundleQuote(1, 99.00m, 0m, 99.00m), shop.QuoteBundle(["KBD-09"]));
        Assert.Equal(new BundleQuote(2, 108.99m, 5.45m, 103.54m), shop.QuoteBundle(["KBD-09", "CABLE-06"]));
        Assert.Equal(new BundleQuote(3, 668.89m, 100.33m, 568.56m), shop.QuoteBundle(["DESK-10", "CHAIR-07", "LAMP-01"]));
        Assert.Throws<ArgumentException>(() => shop.QuoteBundle([]));
        Assert.Equal("no product with SKU 'NOPE-1'", Assert.Throws<ArgumentException>(() => shop.QuoteBundle(["NOPE-1"])).Message);
    }

    [Fact]
    public void The_cart_accumulates_lines_and_reports_after_each_change()
    {
        var shop = new ShopWorld();
        Assert.Equal(new CartSummary("MUG-12", 2, 2, 17.00m), shop.AddToCart("MUG-12", 2));
        Assert.Equal(new CartSummary("MUG-12", 5, 5, 42.50m), shop.AddToCart("mug-12", 3));
        Assert.Equal(new CartSummary("PEN-03", 1, 6, 77.50m), shop.AddToCart("PEN-03", 1));
        Assert.Equal(new CartSummary("MUG-12", 0, 1, 35.00m), shop.RemoveFromCart("MUG-12"));
        Assert.Equal("MUG-12 is not in the cart", Assert.Throws<ArgumentException>(() => shop.RemoveFromCart("MUG-12")).Message);
    }

    [Fact]
    public void Adding_more_than_the_stock_or_an_out_of_range_quantity_is_refused_without_changing_the_cart()
    {
        var shop = new ShopWorld();
        shop.AddToCart("PEN-03", 3);
        var error = Assert.Throws<ArgumentException>(() => shop.AddToCart("PEN-03", 2));
        Assert.Equal("only 4 units of PEN-03 are in stock and 3 are already in the cart", error.Message);
        Assert.Throws<ArgumentException>(() => shop.AddToCart("MUG-12", 0));
        Assert.Throws<ArgumentException>(() => shop.AddToCart("MUG-12", 11));
        Assert.Equal(3, shop.GetCartTotal().Items);
    }

    [Fact]
    public void Coupons_discount_the_cart_total_and_unknown_ones_are_named()
    {
        var shop = new ShopWorld();
        shop.AddToCart("LAMP-01", 2);
        Assert.Equal(new CartTotal(2, 59.98m, "none", 0m, 59.98m), shop.GetCartTotal());
        Assert.Equal(new CartTotal(2, 59.98m, "SAVE10", 6.00m, 53.98m), shop.GetCartTotal("save10"));
        Assert.Equal(new CartTotal(2, 59.98m, "WELCOME5", 5m, 54.98m), shop.GetCartTotal("WELCOME5"));
        Assert.Equal("unknown coupon 'FREE'; valid coupons are SAVE10 and WELCOME5", Assert.Throws<ArgumentException>(() => shop.GetCartTotal("FREE")).Message);
    }

    [Fact]
    public void Placing_an_order_empties_the_cart_draws_down_stock_and_dates_delivery_in_business_days()
    {
        var shop = new ShopWorld();
        shop.AddToCart("PEN-03", 4);
        var order = shop.PlaceOrder(Lyon, ShippingSpeed.Standard);

        Assert.Equal((4, 0m, 140.00m, "Ana Silva, Lyon", new DateOnly(2025, 6, 9)), (order.Items, order.Shipping, order.Total, order.ShipTo, order.Delivery));
        Assert.Matches("^ORD-[0-9]{6}$", order.OrderId);
        Assert.Equal(0, shop.GetCartTotal().Items);
        Assert.Equal(0, shop.GetProduct("PEN-03").InStock);
        Assert.Equal([order], shop.Orders);
        Assert.Equal("the cart is empty; add products before placing an order", Assert.Throws<InvalidOperationException>(() => shop.PlaceOrder(Lyon, ShippingSpeed.Express)).Message);
    }

    [Theory]
    [InlineData(ShippingSpeed.Standard, 4.99, "2025-06-09")]
    [InlineData(ShippingSpeed.Express, 14.99, "2025-06-04")]
    [InlineData(ShippingSpeed.Overnight, 29.99, "2025-06-03")]
    public void Shipping_speed_sets_cost_and_delivery_day(ShippingSpeed speed, double shipping, string delivery)
    {
        var shop = new ShopWorld();
        shop.AddToCart("MUG-12", 1);
        var order = shop.PlaceOrder(Lyon, speed);
        Assert.Equal((decimal)shipping, order.Shipping);
        Assert.Equal(8.50m + (decimal)shipping, order.Total);
        Assert.Equal(DateOnly.Parse(delivery, System.Globalization.CultureInfo.InvariantCulture), order.Delivery);
    }

    [Fact]
    public void Order_ids_are_reproducible_and_differ_when_cart_address_or_speed_differ()
    {
        static string Order(string sku, ShippingAddress address, ShippingSpeed speed)
        {
            var shop = new ShopWorld();
            shop.AddToCart(sku, 1);
            return shop.PlaceOrder(address, speed).OrderId;
        }

        var baseline = Order("MUG-12", Lyon, ShippingSpeed.Express);
        Assert.Equal(baseline, Order("MUG-12", Lyon, ShippingSpeed.Express));
        Assert.NotEqual(baseline, Order("PEN-03", Lyon, ShippingSpeed.Express));
        Assert.NotEqual(baseline, Order("MUG-12", Lyon with { PostalCode = "69003" }, ShippingSpeed.Express));
        Assert.NotEqual(baseline, Order("MUG-12", Lyon, ShippingSpeed.Overnight));
    }

    [Fact]
    public void Separate_instances_keep_separate_carts_and_stock()
    {
        var first = new ShopWorld();
        var second = new ShopWorld();
        first.AddToCart("DESK-10", 3);
        first.PlaceOrder(Lyon, ShippingSpeed.Standard);

        Assert.Equal(0, first.GetProduct("DESK-10").InStock);
        Assert.Equal(3, second.GetProduct("DESK-10").InStock);
        Assert.Equal(0, second.GetCartTotal().Items);
        Assert.Empty(second.Orders);
    }
}
