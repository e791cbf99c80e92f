using System.CommandLine;

namespace ToolRL.Server.Chat;

/// <summary>
/// Options that let <c>serve</c> load a chat model (the Trainer's <c>--model DIR</c>), so the command line that owns
/// <c>serve</c> need not reference TorchSharp. <see cref="ServeCommand.Create"/> calls <see cref="AddTo"/> once.
/// </summary>
public interface IServedModelOptions
{
    /// <summary>
    /// Adds the options to <paramref name="serve"/> and returns what loads the model they name: null from the loader
    /// when they name none (then the server serves environments only). The server disposes a model that is
    /// <see cref="IDisposable"/> when it stops.
    /// </summary>
    Func<ParseResult, IChatCompletionModel?> AddTo(Command serve);
}
