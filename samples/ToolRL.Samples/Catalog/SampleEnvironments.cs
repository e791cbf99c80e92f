using ToolRL.Environments;
using ToolRL.Samples.Scenarios.Library;
using ToolRL.Samples.Scenarios.Shop;
using ToolRL.Samples.Scenarios.Travel;

namespace ToolRL.Samples.Catalog;

/// <summary>
/// The sample scenarios as environments, over the generated <c>{Name}Scenario</c> classes: travel and shop
/// with their hand-written implementations, library with the implementation the generator built from facts.
/// Each session gets a fresh implementation, so the shop's carts never leak between episodes.
/// </summary>
public static class SampleEnvironments
{
    /// <summary>Trip planning over embedded data (stateless).</summary>
    public static ToolEnvironment<ITravel> Travel { get; } = new(TravelScenario.Instance, () => new TravelWorld());

    /// <summary>The stateful shop: carts and orders live in the session.</summary>
    public static ToolEnvironment<IShop> Shop { get; } = new(ShopScenario.Instance, () => new ShopWorld());

    /// <summary>The facts-only library catalog.</summary>
    public static ToolEnvironment<ILibrary> Library { get; } = new(LibraryScenario.Instance);

    /// <summary>Every sample scenario with its Markdown page, in a fixed order.</summary>
    public static IReadOnlyList<SampleScenario> Scenarios { get; } =
    [
        new(Travel, TravelScenario.Instance.Markdown),
        new(Shop, ShopScenario.Instance.Markdown),
        new(Library, LibraryScenario.Instance.Markdown),
    ];

    /// <summary>The environments alone, for hosts that take <see cref="IToolEnvironment"/>s.</summary>
    public static IReadOnlyList<IToolEnvironment> All { get; } = Scenarios.Select(s => s.Environment).ToList();
}
