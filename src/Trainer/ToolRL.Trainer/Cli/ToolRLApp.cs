using System.CommandLine;
using ToolRL.Environments;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// The command line every environment project gets: <c>dotnet run -- describe | export | sft | collect |
/// train | eval | analyze</c>. An environment project's <c>Program.cs</c> is one line:
/// <c>return await ToolRLApp.RunAsync(args, environments);</c>.
/// </summary>
public static class ToolRLApp
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command over <paramref name="environments"/>.</summary>
    /// <returns>The process exit code: 0 on success; 2 for an expected error (bad arguments or input: a file, a
    /// folder, a device, an endpoint), reported as its message alone (<c>--verbose</c> adds the trace); 1 for an
    /// unexpected failure, reported with its stack trace; 130 when interrupted.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        IReadOnlyList<IToolEnvironment> environments,
        TextWriter? output = null,
        TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(environments, output ?? Console.Out, error ?? Console.Error);
        var root = BuildRootCommand(context);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On an error, print the full exception with its stack trace, not only the message.",
            Recursive = true,
        };
        root.Add(verbose);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
                context.Error.WriteLine($"error: {e.Message}");
            context.Error.WriteLine("Run with --help to see the commands and their options.");
            return ExitCodes.BadArguments;
        }
        // Our own handler below turns known failures into one line; unexpected ones keep their stack trace.
        var invocation = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine("cancelled; work written so far is kept (checkpoints and records are written atomically).");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ExpectedErrors.MessageOf(ex) is { } message)
        {
            // The user's input or environment, not a bug: the message names the file, field or option.
            context.Error.WriteLine($"error: {message}");
            if (parse.GetValue(verbose))
                context.Error.WriteLine(ex.ToString());
            return ExpectedErrors.ExitCodeOf(ex);
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
            context.Error.WriteLine(parse.GetValue(verbose) ? ex.ToString() : ex.StackTrace);
            return ExitCodes.Failed;
        }
    }

    /// <summary>The root command with every subcommand; public so tests and hosts can inspect it.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "ToolRL: tool-use environments and feedback-driven RL training (describe, export, sft, collect, train, eval, analyze).");
        foreach (var command in CliCommands.All(context))
            root.Add(command);
        return root;
    }
}
