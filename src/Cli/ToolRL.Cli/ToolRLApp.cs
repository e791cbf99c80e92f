using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using ToolRL.Environments;

namespace ToolRL.Cli;

/// <summary>
/// The command line every environment project gets: <c>dotnet run -- describe | export | serve</c>, plus the
/// commands of its modules (<see cref="ICliModule"/>; the Trainer's: <c>sft | collect | train | eval | analyze</c>).
/// An environment project's <c>Program.cs</c> is one line: <c>return await ToolRLApp.RunAsync(args, environments);</c>.
/// </summary>
public static class ToolRLApp
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command over <paramref name="environments"/>, with the
    /// commands of <paramref name="modules"/> (default: <see cref="CliModules.Registered"/>).
    /// </summary>
    /// <returns>The process exit code: 0 on success; 2 for an expected error (bad arguments or input: a file, a
    /// folder, a device, an endpoint), reported as its message alone (<c>--verbose</c> adds the trace); 1 for an
    /// unexpected failure, reported with its stack trace; 130 when interrupted.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        IReadOnlyList<IToolEnvironment> environments,
        TextWriter? output = null,
        TextWriter? error = null,
        CancellationToken cancellationToken = default,
        IReadOnlyList<ICliModule>? modules = null)
    {
        modules ??= CliModules.Registered;
        var context = new CliContext(environments, output ?? Console.Out, error ?? Console.Error);
        var root = BuildRootCommand(context, modules);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On an error, print the full exception with its stack trace, not only the message.",
            Recursive = true,
        };
        root.Add(verbose);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var line in ParseErrorText.Lines(parse))
                context.Error.WriteLine($"error: {line}");
            if (TrainingCommandMissing(args, root) is { } verb)
                context.Error.WriteLine($"'{verb}' is a training command: this project has no trainer (ToolRL.Trainer; with ToolRL.Sdk, ToolRLTraining is false).");
            else if (ServedModelMissing(args, modules))
                context.Error.WriteLine("'serve --model' serves a checkpoint, which needs the trainer: this project has none (ToolRL.Trainer; with ToolRL.Sdk, ToolRLTraining is false).");
            context.Error.WriteLine("Run with --help to see the commands and their options.");
            return ExitCodes.BadArguments;
        }
        // Our own handler below turns known failures into one line; unexpected ones keep their stack trace.
        // Signals are ours too (InterruptSignals says why): System.CommandLine's handler is off.
        var invocation = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        using var signals = InterruptSignals.Register(cancellationToken, context.Error);
        try
        {
            return await parse.InvokeAsync(invocation, signals.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (signals.Token.IsCancellationRequested && IsCancellation(ex))
        {
            // An interrupt is not an error: say what is saved and how to go on, no trace.
            context.Error.WriteLine(context.InterruptMessage());
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ExpectedErrors.MessageOf(ex, modules) is { } message)
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

    /// <summary>The SDK's version: the informational version of this assembly (e.g. 0.1.0+commit).</summary>
    public static string Version =>
        typeof(ToolRLApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolRLApp).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException a => a.InnerExceptions.All(IsCancellation),
        _ => e.InnerException is { } inner && IsCancellation(inner),
    };

    /// <summary>The root command with every subcommand (the built-in ones, then <paramref name="modules"/>' in order); public so tests and hosts can inspect it.</summary>
    public static RootCommand BuildRootCommand(CliContext context, IReadOnlyList<ICliModule>? modules = null)
    {
        modules ??= CliModules.Registered;
        var commands = CliCommands.All(context, modules).Concat(modules.SelectMany(m => m.CreateCommands(context))).ToList();
        var root = new RootCommand(
            $"ToolRL: tool-use environments and feedback-driven RL training ({string.Join(", ", commands.Select(c => c.Name))}).");
        foreach (var command in commands)
            root.Add(command);
        // --version prints the SDK's version, not the environment project's (which is usually 1.0.0).
        foreach (var option in root.Options.OfType<VersionOption>())
            option.Action = new PrintVersion(context);
        return root;
    }

    // The Trainer's verbs, named so an environment-only project says why `train` is unknown rather than only that it is.
    private static readonly string[] TrainingVerbs = ["train", "sft", "collect", "eval", "analyze"];

    private static string? TrainingCommandMissing(string[] args, RootCommand root) =>
        args.FirstOrDefault(a => !a.StartsWith('-')) is { } verb && TrainingVerbs.Contains(verb)
            && !root.Subcommands.Any(c => c.Name == verb) ? verb : null;

    private static bool ServedModelMissing(string[] args, IReadOnlyList<ICliModule> modules) =>
        args.FirstOrDefault(a => !a.StartsWith('-')) == "serve" && args.Contains("--model")
            && !modules.OfType<ToolRL.Server.Chat.IServedModelOptions>().Any();

    private sealed class PrintVersion(CliContext context) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            context.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}
