using ToolRL.Construction.Sources;

namespace Construction.Tests.Scenarios;

/// <summary>Ready-made sources for tests.</summary>
public static class TestScenarios
{
    public static ScenarioSource Geo(GeoData? data = null) => ScenarioSource.From(new GeoScenario(data ?? GeoData.Small()));
    public static ScenarioSource Library() => ScenarioSource.From(new LibraryScenario());
}
