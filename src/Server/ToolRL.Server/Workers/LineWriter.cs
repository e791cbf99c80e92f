using System.Threading.Channels;

namespace ToolRL.Server.Workers;

/// <summary>
/// Writes protocol lines from many threads through one writer task, flushing only when no line is waiting: under
/// load many lines share one pipe write instead of one flush each. <see cref="TryWrite"/> is false once closed.
/// </summary>
internal sealed class LineWriter
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _output;

    public LineWriter(TextWriter output)
    {
        _output = output;
        Completion = Task.Run(PumpAsync);
    }

    /// <summary>Completes when the writer stopped: closed, or the stream broke.</summary>
    public Task Completion { get; }

    public bool TryWrite(string line) => _lines.Writer.TryWrite(line);

    public void Close() => _lines.Writer.TryComplete();

    private async Task PumpAsync()
    {
        try
        {
            while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _output.Write(line);
                    _output.Write('\n');
                }
                _output.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _lines.Writer.TryComplete(); // the pipe broke: the other side is gone
        }
    }
}
