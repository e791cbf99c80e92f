using ToolRL.Samples.Catalog;
using ToolRL.Samples.Cli;
using ToolRL.Tasks;

namespace ToolRL.Samples.Describe;

/// <summary>
/// <c>describe</c>: per scenario, the tools with their JSON schemas (or the generated Markdown page), the
/// task counts by structure and one example question per structure.
/// </summary>
public static class DescribeCommand
{
    /// <summary>Writes the description to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(DescribeOptions options, IReadOnlyList<SampleScenario> scenarios, TextWriter output, TextWriter error)
    {
        var selected = options.Scenario is null
            ? scenarios
            : scenarios.Where(s => s.Name.Equals(options.Scenario, StringComparison.OrdinalIgnoreCase)).ToList();
        if (selected.Count == 0)
        {
            error.WriteLine(options.Scenario is null
                ? "error: there are no sample scenarios to describe."
                : $"error: no scenario named '{options.Scenario}'; available: {string.Join(", ", scenarios.Select(s => s.Name))}.");
            return ExitCodes.BadArguments;
        }

        for (var i = 0; i < selected.Count; i++)
        {
            // Tasks load lazily by running their golden calls; a broken task must be named, not crash the tool.
            try
            {
                _ = selected[i].Environment.Tasks;
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"error: scenario '{selected[i].Name}' failed to load: {e.Message}");
                return ExitCodes.Failed;
            }
            if (i > 0)
                output.WriteLine();
            if (options.Markdown)
                WriteMarkdown(selected[i], output);
            else
                WriteText(selected[i], output);
        }
        if (selected.Count > 1)
        {
            output.WriteLine();
            output.WriteLine($"{selected.Count} scenarios, {selected.Sum(s => s.Environment.Tools.Count)} tools, {selected.Sum(s => s.Environment.Tasks.Count)} tasks.");
        }
        return ExitCodes.Success;
    }

    private static void WriteText(SampleScenario scenario, TextWriter output)
    {
        var environment = scenario.Environment;
        output.WriteLine($"scenario {environment.Name}: {environment.Description}");
        output.WriteLine($"tools ({environment.Tools.Count}):");
        foreach (var tool in environment.Tools)
        {
            output.WriteLine($"  {ToolSignatureText.Of(tool)}");
            output.WriteLine($"    {tool.Description}");
            output.WriteLine($"    schema: {tool.ParametersSchema}");
        }
        output.WriteLine($"tasks ({environment.Tasks.Count}): {CountsByStructure(environment.Tasks)}");
        output.WriteLine("examples:");
        foreach (var (structure, question) in Examples(environment.Tasks))
            output.WriteLine($"  {structure.Label()}: {question}");
    }

    private static void WriteMarkdown(SampleScenario scenario, TextWriter output)
    {
        output.WriteLine(scenario.Markdown.TrimEnd());
        output.WriteLine();
        output.WriteLine("## Tasks");
        output.WriteLine();
        output.WriteLine($"{scenario.Environment.Tasks.Count} tasks: {CountsByStructure(scenario.Environment.Tasks)}.");
        output.WriteLine();
        foreach (var (structure, question) in Examples(scenario.Environment.Tasks))
            output.WriteLine($"- *{structure.Label()}*: {question}");
    }

    /// <summary>E.g. <c>single-hop 8, parallel single-hop 7, multi-hop 8, parallel multi-hop 7</c>.</summary>
    public static string CountsByStructure(IReadOnlyList<EnvironmentTask> tasks) =>
        string.Join(", ", StructureLabels.All.Select(s => $"{s.Label()} {tasks.Count(t => t.Structure == s)}"));

    // The first task of each structure present.
    private static IEnumerable<(TaskStructure Structure, string Question)> Examples(IReadOnlyList<EnvironmentTask> tasks) =>
        StructureLabels.All
            .Select(s => (Structure: s, Task: tasks.FirstOrDefault(t => t.Structure == s)))
            .Where(e => e.Task is not null)
            .Select(e => (e.Structure, e.Task!.Question));
}
