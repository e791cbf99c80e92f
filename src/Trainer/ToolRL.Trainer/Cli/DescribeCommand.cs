using System.CommandLine;
using ToolRL.Environments;
using ToolRL.Tasks;

namespace ToolRL.Trainer.Cli;

/// <summary><c>describe</c>: the project's scenarios, their tools (schemas) and tasks by structure.</summary>
internal static class DescribeCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var schemas = new Option<bool>("--schemas") { Description = "Print each tool's full OpenAI function schema." };
        var examples = new Option<int>("--examples")
        {
            Description = "Example questions to show per structure.",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("describe", "Show the scenarios: tools, their schemas, and task counts per structure.")
        {
            scenario, schemas, examples,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(examples);
            if (count < 0)
                throw new CliException("--examples must be 0 or more", ExitCodes.BadArguments);
            foreach (var env in context.Select(parse.GetValue(scenario)))
                Describe(env, parse.GetValue(schemas), count, context.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes one environment's description.</summary>
    public static void Describe(IToolEnvironment env, bool schemas, int examples, TextWriter output)
    {
        output.WriteLine($"# {env.Name} — {env.Description}");
        output.WriteLine();
        output.WriteLine($"Tools ({env.Tools.Count}):");
        foreach (var tool in env.Tools)
        {
            output.WriteLine($"  {tool.Name}: {tool.Description}");
            if (schemas)
                output.WriteLine($"    {tool.ToOpenAiJson()}");
        }
        var tasks = env.Tasks;
        output.WriteLine();
        output.WriteLine($"Tasks ({tasks.Count}):");
        foreach (var structure in Enum.GetValues<TaskStructure>())
        {
            var ofStructure = tasks.Where(t => t.Structure == structure).ToList();
            output.WriteLine($"  {structure,-18} {ofStructure.Count,4}");
            foreach (var task in ofStructure.Take(examples))
                output.WriteLine($"      e.g. \"{task.Question}\"");
        }
        output.WriteLine();
    }
}
