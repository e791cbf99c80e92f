using ToolRL.Construction.Composition;
using ToolRL.Construction.Export;
using ToolRL.Construction.Integration;
using ToolRL.Construction.Reporting;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Construction.Validation;

namespace ToolRL.Construction.Pipeline;

/// <summary>
/// Composes, validates and scales tasks for a set of scenarios as one lazy stream of <see cref="ExportItem"/>s,
/// filling a <see cref="ConstructionReport"/> as it goes. Nothing but per-scenario totals is kept.
/// </summary>
public static class ConstructionPipeline
{
    /// <summary>The export items of every scenario in <paramref name="scenarios"/> (others are the distractor pool).</summary>
    public static IEnumerable<ExportItem> Build(IReadOnlyList<ScenarioSource> scenarios, ConstructionPlan plan, ConstructionReport report,
        Func<ScenarioSource, ValueDomains>? domains = null)
    {
        foreach (var scenario in scenarios)
        {
            foreach (var item in Build(scenario, scenarios, plan, report, domains?.Invoke(scenario)))
                yield return item;
        }
    }

    /// <summary>The export items of one scenario.</summary>
    public static IEnumerable<ExportItem> Build(ScenarioSource scenario, IReadOnlyList<ScenarioSource> others, ConstructionPlan plan,
        ConstructionReport report, ValueDomains? domains = null)
    {
        domains ??= ValueDomains.FromScenario(scenario);
        var baseToolset = Toolset.Of(scenario);
        if (plan.Integrate)
            baseToolset = FunctionIntegration.Integrate(baseToolset);
        var toolsets = plan.Variants
            .Select(v => (Label: new EnvironmentVariant(scenario.Name, v.Strategies, v.Seed, plan.Distractors).Label,
                Toolset: VariantBuilder.Build(baseToolset, new EnvironmentVariant(scenario.Name, v.Strategies, v.Seed, plan.Distractors), others)))
            .ToList();
        var validator = plan.Validate ? new TaskValidator(Toolset.Of(scenario), domains) : null;
        var validation = report.Validation(scenario.Name, scenario.Tools.Select(t => t.Name));
        foreach (var task in new TaskComposer(scenario, domains).Compose(plan.Composition))
        {
            var issues = validator?.Validate(task) ?? [];
            if (!validation.Add(task, issues))
                continue;
            foreach (var (label, toolset) in toolsets)
            {
                report.Count(scenario.Name, label, task.Structure);
                yield return ExportItem.For(toolset, task);
            }
        }
    }
}
