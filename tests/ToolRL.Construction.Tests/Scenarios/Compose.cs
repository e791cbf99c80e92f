using ToolRL.Construction.Composition;
using ToolRL.Construction.Sources;
using ToolRL.Tasks;

namespace Construction.Tests.Scenarios;

internal static class Compose
{
    public static List<EnvironmentTask> Geo(int each = 8, int seed = 1) => From(TestScenarios.Geo(), each, seed);

    public static List<EnvironmentTask> From(ScenarioSource source, int each, int seed = 1) =>
        new TaskComposer(source).Compose(new CompositionOptions { Seed = seed, SingleHop = each, ParallelSingleHop = each, MultiHop = each, ParallelMultiHop = each }).ToList();
}
