using System.Text;
using System.Text.RegularExpressions;
using ToolRL.Cli;
using ToolRL.Environments;
using ToolRL.Trainer.Tests.Cli;

namespace ToolRL.Trainer.Tests.Serving;

/// <summary>
/// A real <c>serve --model DIR --workers 0</c> on a free loopback port, run through the command line in-process
/// (as <c>dotnet run -- serve --model DIR</c> runs it), stopped and awaited on dispose.
/// </summary>
internal sealed partial class ServedCheckpoint : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;
    private readonly BannerWriter _output = new();
    private readonly StringWriter _error = new();

    private ServedCheckpoint(IReadOnlyList<IToolEnvironment> environments, string[] args) =>
        _run = ToolRLApp.RunAsync(["serve", "--workers", "0", "--urls", "http://127.0.0.1:0", .. args], environments, _output, _error, _stop.Token, CliHarness.Modules);

    /// <summary>The server's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What serve printed on startup.</summary>
    public string Banner => _output.ToString();

    public static async Task<ServedCheckpoint> StartAsync(IReadOnlyList<IToolEnvironment> environments, params string[] args)
    {
        var served = new ServedCheckpoint(environments, args);
        var listening = await Task.WhenAny(served._output.Listening, served._run);
        if (listening != served._output.Listening)
            throw new InvalidOperationException($"serve exited {await served._run} before listening: {served._error}");
        served.Address = new Uri(await served._output.Listening);
        return served;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        var code = await _run;
        Assert.True(code is 0 or ExitCodes.Cancelled, $"serve exited {code}: {_error}");
        _stop.Dispose();
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    /// <summary>Collects serve's output and completes <see cref="Listening"/> with the address once it prints it.</summary>
    private sealed class BannerWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Listening => _listening.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
                if (ListeningLine().Match(_text.ToString()) is { Success: true } match && _text.ToString().Contains('\n'))
                    _listening.TrySetResult(match.Groups[1].Value.TrimEnd(','));
            }
        }

        public override string ToString()
        {
            lock (_text)
                return _text.ToString();
        }
    }
}
