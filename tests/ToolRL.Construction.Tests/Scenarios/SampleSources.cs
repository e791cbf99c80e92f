using ToolRL.Construction.Sources;
using ToolRL.Samples.Scenarios.Library;
using ToolRL.Samples.Scenarios.Shop;
using ToolRL.Samples.Scenarios.Travel;

namespace Construction.Tests.Scenarios;

/// <summary>The SDK's sample scenarios (generated code) as construction sources.</summary>
public static class SampleSources
{
    public static ScenarioSource Travel() => ScenarioSource.From(TravelScenario.Instance, () => new TravelWorld());
    public static ScenarioSource Shop() => ScenarioSource.From(ShopScenario.Instance, () => new ShopWorld());
    public static ScenarioSource Library() => ScenarioSource.From(ToolRL.Samples.Scenarios.Library.LibraryScenario.Instance);
    public static ScenarioSource[] All() => [Travel(), Shop(), Library()];
}
