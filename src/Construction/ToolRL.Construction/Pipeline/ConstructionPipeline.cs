using ToolRL.Construction.Composition;
using ToolRL.Construction.Export;
using ToolRL.Construction.Integration;
using ToolRL.Construction.Reporting;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Construction.Validation;
using ToolRL.Tasks;

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

    /// <summary>
    /// The CLI entry (for <c>describe</c>): builds every scenario's tasks without exporting them and returns the
    /// report (per scenario: counts by structure and variant, hop depths, tool coverage, validation issues);
    /// <paramref name="writer"/>, when given, gets <see cref="ConstructionReport.Print"/>.
    /// </summary>
    public static ConstructionReport Describe(IReadOnlyList<ScenarioSource> scenarios, ConstructionPlan plan, TextWriter? writer = null)
    {
        var report = new ConstructionReport();
        foreach (var _ in Build(scenarios, plan, report))
        {
        }
        if (writer is not null)
            report.Print(writer);
        return report;
    }

    /// <summary>
    /// The CLI entry (for <c>export</c>): builds and exports every scenario's tasks to <paramref name="directory"/>
    /// (FTRL JSONL and verl parquet, train/test), streaming, and returns the report with the export summary.
    /// </summary>
    public static async Task<(ConstructionReport Report, ExportSummary Summary)> ExportAsync(IReadOnlyList<ScenarioSource> scenarios,
        ConstructionPlan plan, string directory, TaskSplit split, string? systemPrompt = null, CancellationToken cancellationToken = default)
    {
        var report = new ConstructionReport();
        var summary = await DatasetExporter.ExportAsync(Build(scenarios, plan, report), directory, split, systemPrompt, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (report, summary);
    }

    /// <summary>The export items of one scenario: its authored tasks, then the composed ones, each in every toolset variant.</summary>
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
        // The hand-written tasks first: they passed their golden runs at load, so they are exported as authored
        // (not re-validated like composed ones); the split places them by question like any other task.
        report.Authored(scenario.Name, scenario.AuthoredTasks.Count, scenario.AuthoredTaskErrors);
        foreach (var task in scenario.AuthoredTasks)
        {
            foreach (var (label, toolset) in toolsets)
            {
                report.Count(scenario.Name, label, task.Structure);
                yield return ExportItem.For(toolset, task);
            }
        }

        var validation = report.Validation(scenario.Name, scenario.Tools.Select(t => t.Name));
        foreach (var task in ComposeValidated(scenario, plan.Composition, plan.Validate, domains, validation))
        {
            foreach (var (label, toolset) in toolsets)
            {
                report.Count(scenario.Name, label, task.Structure);
                yield return ExportItem.For(toolset, task);
            }
        }
    }

    /// <summary>
    /// The composed tasks of <paramref name="scenario"/> that <see cref="TaskValidator"/> accepts, in composition order:
    /// what <c>export</c> writes and what training may use, so that no consumer trains on a task export would reject.
    /// </summary>
    /// <param name="scenario">The scenario to compose for (validated on its own toolset).</param>
    /// <param name="composition">How many tasks of each structure to compose, and the seed.</param>
    /// <param name="validate">False keeps every composed task (the plan's <see cref="ConstructionPlan.Validate"/>).</param>
    /// <param name="domains">The scenario's value domains; <see cref="ValueDomains.FromScenario"/> when null.</param>
    /// <param name="validation">When given, every composed task and its issues are recorded there.</param>
    public static IEnumerable<EnvironmentTask> ComposeValidated(ScenarioSource scenario, CompositionOptions composition, bool validate = true,
        ValueDomains? domains = null, ScenarioValidationReport? validation = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(composition);
        domains ??= ValueDomains.FromScenario(scenario);
        var validator = validate ? new TaskValidator(Toolset.Of(scenario), domains) : null;
        foreach (var task in new TaskComposer(scenario, domains).Compose(composition))
        {
            IReadOnlyList<TaskIssue> issues = validator?.Validate(task) ?? [];
            var sound = validation?.Add(task, issues) ?? issues.Count == 0;
            if (sound)
                yield return task;
        }
    }
}
