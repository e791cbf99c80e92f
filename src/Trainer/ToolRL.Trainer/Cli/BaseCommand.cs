using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Trainer.Base;
using ToolRL.Trainer.EmbeddedDefault;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>base</c>: trains the generalist tool-use base by its committed recipe (<see cref="GeneralistBaseRecipe"/>): SFT
/// on a procedural universe's golden trajectories, then zero-shot scores on the universe's held-out tasks and on this
/// project's environments. Resumes when rerun on the same folder.
/// </summary>
internal static class BaseCommand
{
    public static Command Create(CliContext context)
    {
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out", "-o") { Description = "Run folder.", DefaultValueFactory = _ => new GeneralistBaseOptions().OutputDirectory };
        var steps = new Option<int?>("--steps") { Description = $"SFT steps (default {new GeneralistBaseOptions().Steps})." };
        var scenarios = new Option<int?>("--scenarios") { Description = $"Procedural scenarios in the universe (default {new GeneralistBaseOptions().Universe.Scenarios})." };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: all cores).", DefaultValueFactory = _ => 0 };
        var command = new Command("base", "Train the generalist tool-use base on a procedural universe (SFT on golden trajectories), then score it zero-shot.")
        {
            seed, output, steps, scenarios, threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var defaults = new GeneralistBaseOptions();
            var options = defaults with
            {
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
                Steps = parse.GetValue(steps) ?? defaults.Steps,
                Universe = defaults.Universe with { Scenarios = parse.GetValue(scenarios) ?? defaults.Universe.Scenarios },
                Threads = parse.GetValue(threads),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.BadArguments);
            }
            OutputChecks.WritableFolder(Path.GetFullPath(options.OutputDirectory), "--out");
            // The targets' held-out tasks as the embedded default's seed-1 run evaluates them.
            var targetHeldOut = EmbeddedDefaultTasks.Plan(new EmbeddedDefaultOptions(), context.Environments).HeldOut;
            await GeneralistBaseRecipe.RunAsync(options, targetHeldOut, context.Output, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
