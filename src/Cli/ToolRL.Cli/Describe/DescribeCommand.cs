using System.CommandLine;
using ToolRL.Environments;
using ToolRL.Tasks;

namespace ToolRL.Cli.Describe;

/// <summary>
/// <c>describe</c>: per scenario, the tools with their JSON schemas (or the generated Markdown page), the task
/// counts by structure and one example question per structure.
/// </summary>
internal static class DescribeCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var markdown = new Option<bool>("--markdown") { Description = "Print each scenario's generated Markdown page instead of the tool list." };
        var command = new Command("describe", "Show the scenarios: tools, their schemas, and task counts per structure.") { scenario, markdown };
        command.SetAction(parse =>
        {
            var selected = context.Select(parse.GetValue(scenario));
            var loaded = new List<IReadOnlyList<EnvironmentTask>>();
            var failed = 0;
            for (var i = 0; i < selected.Count; i++)
            {
                // Tasks load lazily by running their golden calls; a broken task is named and the others are described.
                IReadOnlyList<EnvironmentTask> tasks;
                try
                {
                    tasks = selected[i].Tasks;
                }
                catch (TaskLoadException e)
                {
                    tasks = e.LoadedTasks;
                    foreach (var error in e.Errors)
                        context.Error.WriteLine($"error: scenario '{selected[i].Name}': {error.Message}");
                    failed += e.Errors.Count;
                }
                catch (InvalidOperationException e)
                {
                    throw new CliException($"scenario '{selected[i].Name}' failed to load: {e.Message}");
                }
                loaded.Add(tasks);
                if (i > 0)
                    context.Output.WriteLine();
                if (parse.GetValue(markdown))
                    WriteMarkdown(selected[i], tasks, context.Output);
                else
                    WriteText(selected[i], tasks, context.Output);
            }
            if (selected.Count > 1)
            {
                context.Output.WriteLine();
                context.Output.WriteLine($"{selected.Count} scenarios, {selected.Sum(s => s.Tools.Count)} tools, {loaded.Sum(t => t.Count)} tasks.");
            }
            if (failed > 0)
                return ExitCodes.Failed;
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(IToolEnvironment environment, IReadOnlyList<EnvironmentTask> tasks, TextWriter output)
    {
        output.WriteLine($"scenario {environment.Name}: {environment.Description}");
        output.WriteLine($"tools ({environment.Tools.Count}):");
        foreach (var tool in environment.Tools)
        {
            output.WriteLine($"  {ToolSignatureText.Of(tool)}");
            output.WriteLine($"    {tool.Description}");
            output.WriteLine($"    schema: {tool.ParametersSchema}");
        }
        output.WriteLine($"tasks ({tasks.Count}): {CountsByStructure(tasks)}");
        output.WriteLine("examples:");
        foreach (var (structure, question) in Examples(tasks))
            output.WriteLine($"  {structure.Label()}: {question}");
    }

    private static void WriteMarkdown(IToolEnvironment environment, IReadOnlyList<EnvironmentTask> tasks, TextWriter output)
    {
        var page = MarkdownOf.Page(environment) ?? $"# {environment.Name}\n\n{environment.Description}\n";
        output.WriteLine(page.TrimEnd());
        output.WriteLine();
        output.WriteLine("## Tasks");
        output.WriteLine();
        output.WriteLine($"{tasks.Count} tasks: {CountsByStructure(tasks)}.");
        output.WriteLine();
        foreach (var (structure, question) in Examples(tasks))
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
