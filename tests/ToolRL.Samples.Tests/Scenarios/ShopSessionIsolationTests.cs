using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Samples.Catalog;
using ToolRL.Tools;

namespace ToolRL.Samples.Tests.Scenarios;

/// <summary>Episodes of the stateful shop run side by side without seeing each other's carts, stock or orders.</summary>
public class ShopSessionIsolationTests
{
    private const string LyonAddress = """{"name":"Ana Silva","street":"12 Rue Merciere","city":"Lyon","postalCode":"69002","country":"France"}""";

    private static async Task<JsonElement> Call(IToolSession session, string tool, string arguments)
    {
        var result = await session.ExecuteAsync(new ToolCall(tool, arguments));
        Assert.True(result.IsOk, result.Text);
        return JsonDocument.Parse(result.Text).RootElement.Clone();
    }

    [Fact]
    public async Task Two_interleaved_episodes_never_see_each_others_state()
    {
        using var a = SampleEnvironments.Shop.OpenSession();
        using var b = SampleEnvironments.Shop.OpenSession();
        using var step = new Barrier(2); // both episodes finish a step before either starts the next

        var episodeA = Task.Run(async () =>
        {
            await Call(a, "add_to_cart", """{"sku":"DESK-10","quantity":3}""");
            step.SignalAndWait();
            var total = await Call(a, "get_cart_total", "{}");
            step.SignalAndWait();
            await Call(a, "place_order", $$"""{"address":{{LyonAddress}},"speed":"Express"}""");
            step.SignalAndWait();
            var desk = await Call(a, "get_product", """{"sku":"DESK-10"}""");
            step.SignalAndWait();
            var after = await Call(a, "get_cart_total", "{}");
            return (total, desk, after);
        });
        var episodeB = Task.Run(async () =>
        {
            await Call(b, "add_to_cart", """{"sku":"MUG-12","quantity":2}""");
            step.SignalAndWait();
            var total = await Call(b, "get_cart_total", "{}");
            step.SignalAndWait();
            await Call(b, "add_to_cart", """{"sku":"CABLE-06","quantity":1}""");
            step.SignalAndWait();
            var desk = await Call(b, "get_product", """{"sku":"DESK-10"}""");
            step.SignalAndWait();
            var after = await Call(b, "get_cart_total", "{}");
            return (total, desk, after);
        });
        var (totalA, deskA, afterA) = await episodeA;
        var (totalB, deskB, afterB) = await episodeB;

        Assert.Equal((3, 1167.00m), (totalA.GetProperty("items").GetInt32(), totalA.GetProperty("subtotal").GetDecimal()));
        Assert.Equal((2, 17.00m), (totalB.GetProperty("items").GetInt32(), totalB.GetProperty("subtotal").GetDecimal()));
        Assert.Equal(0, deskA.GetProperty("inStock").GetInt32()); // A bought every desk...
        Assert.Equal(3, deskB.GetProperty("inStock").GetInt32()); // ...in A's world only
        Assert.Equal(0, afterA.GetProperty("items").GetInt32());
        Assert.Equal((3, 26.99m), (afterB.GetProperty("items").GetInt32(), afterB.GetProperty("subtotal").GetDecimal()));
    }

    [Fact]
    public async Task Many_concurrent_episodes_each_total_only_their_own_cart()
    {
        var episodes = Enumerable.Range(1, 10).Select(quantity => Task.Run(async () =>
        {
            using var session = SampleEnvironments.Shop.OpenSession();
            for (var round = 0; round < 5; round++)
                await Call(session, "add_to_cart", $$"""{"sku":"MUG-12","quantity":{{quantity}}}""");
            var total = await Call(session, "get_cart_total", "{}");
            return (Expected: 5 * quantity, Items: total.GetProperty("items").GetInt32());
        }));

        foreach (var (expected, items) in await Task.WhenAll(episodes))
            Assert.Equal(expected, items);
    }
}
