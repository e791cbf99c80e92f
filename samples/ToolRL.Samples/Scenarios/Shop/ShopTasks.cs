namespace ToolRL.Samples.Scenarios.Shop;

/// <summary>
/// Shop tasks. Calls that change the cart run in tuple order, so a later call sees the earlier ones'
/// effects; the structure still follows the data flow (a call fed by another call's output is a hop).
/// Cart lines report only their own product, so "parallel" adds of different products can come in any
/// order; totals and orders read the whole cart and come last.
/// </summary>
public static partial class ShopTasks
{
    // Single-hop.

    [Task("What is the SKU of the fountain pen?")]
    internal static string SkuOfFountainPen(IShop s) => s.FindSku("fountain pen");

    [Task("Which products do you sell in the kitchen category?")]
    internal static List<string> KitchenProducts(IShop s) => s.ListCategory(ProductCategory.Kitchen);

    [Task("What does product KBD-09 cost, and how many are in stock?")]
    internal static Product KeyboardDetails(IShop s) => s.GetProduct("KBD-09");

    [Task("What would a bundle of DESK-10, CHAIR-07 and LAMP-01 cost?")]
    internal static BundleQuote OfficeBundle(IShop s) => s.QuoteBundle(["DESK-10", "CHAIR-07", "LAMP-01"]);

    [Task("Add three units of CABLE-06 to my cart. What do they come to?")]
    internal static CartLine AddThreeCables(IShop s) => s.AddToCart("CABLE-06", 3);

    // Parallel single-hop.

    [Task("Which products are in the lighting category, and which in the stationery category?")]
    internal static (List<string>, List<string>) LightingAndStationery(IShop s) =>
        (s.ListCategory(ProductCategory.Lighting), s.ListCategory(ProductCategory.Stationery));

    [Task("Give me the price and stock of products PAN-05 and HDPH-01.")]
    internal static (Product, Product) PanAndHeadphones(IShop s) => (s.GetProduct("PAN-05"), s.GetProduct("HDPH-01"));

    [Task("What are the SKUs of the wall shelf and of the electric kettle?")]
    internal static (string, string) SkusOfShelfAndKettle(IShop s) => (s.FindSku("wall shelf"), s.FindSku("electric kettle"));

    [Task("Add two units of MUG-12 and one of NOTE-20 to my cart, then tell me the total with coupon SAVE10.")]
    internal static (CartLine, CartLine, CartTotal) MugsAndNotebookWithCoupon(IShop s) =>
        (s.AddToCart("MUG-12", 2), s.AddToCart("NOTE-20", 1), s.GetCartTotal("SAVE10"));

    [Task("Put one DESK-10 in my cart and order it with overnight shipping to Ana Silva, 12 Rue Merciere, 69002 Lyon, France.")]
    internal static (CartLine, OrderConfirmation) OrderDeskOvernight(IShop s) =>
        (s.AddToCart("DESK-10", 1),
         s.PlaceOrder(new ShippingAddress("Ana Silva", "12 Rue Merciere", "Lyon", "69002", "France"), ShippingSpeed.Overnight));

    [Task("Quote me a bundle of KBD-09 and CABLE-06, and another bundle of LAMP-02 and two BULB-04.")]
    internal static (BundleQuote, BundleQuote) TwoBundles(IShop s) =>
        (s.QuoteBundle(["KBD-09", "CABLE-06"]), s.QuoteBundle(["LAMP-02", "BULB-04", "BULB-04"]));

    // Multi-hop.

    [Task("How much does the cast iron pan cost?")]
    internal static Product CastIronPanPrice(IShop s) => s.GetProduct(s.FindSku("cast iron pan"));

    [Task("Put one ergonomic chair in my cart.")]
    internal static CartLine AddErgonomicChair(IShop s) => s.AddToCart(s.FindSku("ergonomic chair"), 1);

    [Task("How many wireless headphones do you have in stock?")]
    internal static Product HeadphonesStock(IShop s) => s.GetProduct(s.FindSku("wireless headphones"));

    [Task("Add two floor lamps to my cart.")]
    internal static CartLine AddTwoFloorLamps(IShop s) => s.AddToCart(s.FindSku("floor lamp"), 2);

    // Parallel multi-hop.

    [Task("Add two desk lamps to my cart and tell me the total with the coupon SAVE10.")]
    internal static (CartLine, CartTotal) DeskLampsWithCoupon(IShop s) =>
        (s.AddToCart(s.FindSku("desk lamp"), 2), s.GetCartTotal("SAVE10"));

    [Task("Compare the electric kettle and the ceramic mug: what are their prices and stock?")]
    internal static (Product, Product) CompareKettleAndMug(IShop s) =>
        (s.GetProduct(s.FindSku("electric kettle")), s.GetProduct(s.FindSku("ceramic mug")));

    [Task("Buy one fountain pen and one dotted notebook, shipped standard to Jonas Berg, Storgata 5, 0155 Oslo, Norway.")]
    internal static (CartLine, CartLine, OrderConfirmation) OrderPenAndNotebook(IShop s) =>
        (s.AddToCart(s.FindSku("fountain pen"), 1), s.AddToCart(s.FindSku("dotted notebook"), 1),
         s.PlaceOrder(new ShippingAddress("Jonas Berg", "Storgata 5", "Oslo", "0155", "Norway"), ShippingSpeed.Standard));

    [Task("Put one mechanical keyboard and one pair of wireless headphones in my cart, then take the keyboard out again. What is my cart total now?")]
    internal static (CartLine, CartLine, CartLine, CartTotal) KeyboardInAndOut(IShop s) =>
        (s.AddToCart(s.FindSku("mechanical keyboard"), 1), s.AddToCart(s.FindSku("wireless headphones"), 1), s.RemoveFromCart("KBD-09"),
         s.GetCartTotal());
}
