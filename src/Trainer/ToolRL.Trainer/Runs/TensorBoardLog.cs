using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// TensorBoard event files through TorchSharp's <c>torch.utils.tensorboard.SummaryWriter</c>: each metric becomes a
/// scalar tagged <c>phase/name</c> at its step. Open the run folder's <c>tensorboard/</c> with <c>tensorboard --logdir</c>.
/// </summary>
internal sealed class TensorBoardLog : IDisposable
{
    private readonly SummaryWriter _writer;

    /// <summary>Writes event files into <paramref name="directory"/>.</summary>
    public TensorBoardLog(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        _writer = utils.tensorboard.SummaryWriter(Directory, createRunName: false);
    }

    /// <summary>The event-file folder.</summary>
    public string Directory { get; }

    /// <summary>Adds every finite value of <paramref name="metrics"/>.</summary>
    public void Write(StepMetrics metrics)
    {
        foreach (var (name, value) in metrics.Values)
            if (double.IsFinite(value))
                _writer.add_scalar($"{metrics.Phase}/{name}", (float)value, metrics.Step);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_writer is IDisposable disposable)
            disposable.Dispose();
    }
}
