using System.CommandLine;

namespace ToolRL.Cli;

/// <summary>
/// Commands a package adds to the ToolRL command line, so the command line need not reference it: the Trainer adds
/// <c>train</c>, <c>sft</c>, <c>collect</c>, <c>eval</c> and <c>analyze</c> this way, and an environment project
/// without the Trainer gets <c>describe</c>, <c>export</c> and <c>serve</c> alone (no TorchSharp). A module that also
/// implements <see cref="ToolRL.Server.Chat.IServedModelOptions"/> adds its options to <c>serve</c> (the Trainer's
/// <c>--model DIR</c>, which serves a checkpoint's OpenAI chat completions).
/// </summary>
public interface ICliModule
{
    /// <summary>The module's commands, in the order <c>--help</c> shows them, after the built-in ones.</summary>
    IEnumerable<Command> CreateCommands(CliContext context);

    /// <summary>
    /// True when <paramref name="exception"/> (one of the module's own types) is the user's input or environment, not a
    /// bug: the command line then prints its message alone and exits 2 (<c>--verbose</c> adds the trace).
    /// </summary>
    bool IsExpectedError(Exception exception);
}
