using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Server.Chat;
using ToolRL.Trainer.Native;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// The Trainer's commands on the ToolRL command line: <c>base</c>, <c>sft</c>, <c>collect</c>, <c>train</c>, <c>eval</c> and
/// <c>analyze</c>, and the Trainer's expected errors (a bad run config or run folder, a device this build lacks, a
/// failing endpoint). It also gives <c>serve</c> its <c>--model DIR</c> (<see cref="IServedModelOptions"/>), which
/// serves a checkpoint's OpenAI chat completions beside the environments. ToolRL.Sdk registers it in a project that
/// trains; a host can pass it to <see cref="ToolRLApp.RunAsync"/> itself.
/// </summary>
public sealed class TrainerCliModule : ICliModule, IServedModelOptions
{
    private TrainerCliModule()
    {
    }

    /// <summary>The one instance.</summary>
    public static TrainerCliModule Instance { get; } = new();

    /// <inheritdoc/>
    public IEnumerable<Command> CreateCommands(CliContext context)
    {
        yield return BaseCommand.Create(context);
        yield return SftCommand.Create(context);
        yield return CollectCommand.Create(context);
        yield return TrainCommand.Create(context);
        yield return EvalCommand.Create(context);
        yield return AnalyzeCommand.Create(context);
    }

    /// <inheritdoc/>
    Func<ParseResult, IChatCompletionModel?> IServedModelOptions.AddTo(Command serve) => ServedModelOptions.AddTo(serve);

    /// <inheritdoc/>
    public bool IsExpectedError(Exception exception) =>
        exception is RunConfigException or RunMismatchException or DeviceOptionException or EndpointException;
}
