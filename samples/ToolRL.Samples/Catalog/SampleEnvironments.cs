namespace ToolRL.Samples.Catalog;

/// <summary>
/// The sample scenarios as environments. Empty until the source generator emits the scenario classes;
/// then it lists travel, shop and library.
/// </summary>
public static class SampleEnvironments
{
    /// <summary>Every sample scenario, in a fixed order.</summary>
    public static IReadOnlyList<SampleScenario> Scenarios { get; } = [];
}
