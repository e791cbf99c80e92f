using System.CommandLine;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Export;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Sources;

namespace ToolRL.Cli;

/// <summary>
/// <c>export</c>: the scenarios' hand-written <c>[Task]</c>s plus tasks of the four structures composed from their phrase
/// templates and value domains (validated), written as FTRL JSONL and verl parquet with a train/test split by question.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out", "-o")
        {
            Description = "Output folder for train/test .jsonl and .parquet.",
            DefaultValueFactory = _ => "dataset",
        };
        var perStructure = new Option<int>("--per-structure")
        {
            Description = "Tasks to compose per structure and scenario.",
            DefaultValueFactory = _ => 100,
        };
        var testFraction = new Option<double>("--test-fraction")
        {
            Description = "Fraction of questions held out for the test split (0 to 1); the default is the held-out fraction of train, sft and eval, so with the same --seed the test file holds exactly the questions they hold out.",
            DefaultValueFactory = _ => ToolRL.Tasks.TaskSplit.DefaultHeldOutFraction,
        };
        var dryRun = new Option<bool>("--report-only") { Description = "Compose and validate, print the report, write nothing." };
        var variants = new Option<string[]>("--variant")
        {
            Description = "Complexity-scaling variants to export besides the base toolset (repeatable): functional, expansion, types, extension, all, or a '+'-joined mix such as expansion+extension.",
            AllowMultipleArgumentsPerToken = true,
        };
        var integrate = new Option<bool>("--integrate") { Description = "Merge tools with overlapping functionality into integrated tools (function integration)." };
        var command = new Command("export", "Export the hand-written tasks and composed, validated ones as training data (FTRL JSONL + verl parquet, train/test split).")
        {
            scenario, seed, output, perStructure, testFraction, dryRun, variants, integrate,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(perStructure);
            if (count < 0)
                throw new CliException("--per-structure must be 0 or more", ExitCodes.BadArguments);
            var fraction = parse.GetValue(testFraction);
            if (fraction is < 0 or > 1 || double.IsNaN(fraction))
                throw new CliException("--test-fraction must be between 0 and 1", ExitCodes.BadArguments);
            var plan = new ConstructionPlan
            {
                Composition = new CompositionOptions
                {
                    Seed = parse.GetValue(seed),
                    SingleHop = count, ParallelSingleHop = count, MultiHop = count, ParallelMultiHop = count,
                },
                Variants = [(ScalingStrategy.None, parse.GetValue(seed)), .. (parse.GetValue(variants) ?? []).Select(v => (ParseVariant(v), parse.GetValue(seed)))],
                Integrate = parse.GetValue(integrate),
            };
            List<ScenarioSource> sources;
            try
            {
                sources = context.Select(parse.GetValue(scenario)).Select(ScenarioSource.FromEnvironment).ToList();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }
            if (parse.GetValue(dryRun))
            {
                ConstructionPipeline.Describe(sources, plan, context.Output);
                return ExitCodes.Ok;
            }
            var directory = Path.GetFullPath(parse.GetValue(output)!);
            OutputChecks.WritableFolder(Path.GetDirectoryName(directory) ?? directory, "--out");
            context.OnInterrupt(() => $"during the export; {directory} {(Directory.Exists(directory) ? "is as it was" : "was not created")} (an export writes it whole or not at all); run the same command to export again");
            context.Output.WriteLine($"exporting to {directory}...");
            var (report, summary) = await ConstructionPipeline.ExportAsync(
                sources, plan, directory, new ToolRL.Tasks.TaskSplit(fraction, parse.GetValue(seed)), cancellationToken: cancellationToken);
            report.Print(context.Output);
            context.Output.WriteLine($"exported to {directory}: {summary.Train} train and {summary.Test} test records");
            // As describe does: the rest is written, and each hand-written task that failed to load is an error by name.
            var failed = 0;
            foreach (var source in sources)
            {
                foreach (var error in source.AuthoredTaskErrors)
                    context.Error.WriteLine($"error: scenario '{source.Name}': {error.Message}");
                failed += source.AuthoredTaskErrors.Count;
            }
            return failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static ScalingStrategy ParseVariant(string text)
    {
        var strategies = ScalingStrategy.None;
        foreach (var part in text.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            strategies |= part.ToLowerInvariant() switch
            {
                "functional" => ScalingStrategy.FunctionalGeneralization,
                "expansion" => ScalingStrategy.ParameterExpansion,
                "types" => ScalingStrategy.ParameterTypeGeneralization,
                "extension" => ScalingStrategy.ToolsetExtension,
                "all" => ScalingStrategy.All,
                _ => throw new CliException(
                    $"unknown --variant '{part}'; use functional, expansion, types, extension or all, joined with '+'", ExitCodes.BadArguments),
            };
        }
        return strategies == ScalingStrategy.None
            ? throw new CliException($"--variant '{text}' names no strategy", ExitCodes.BadArguments)
            : strategies;
    }
}
