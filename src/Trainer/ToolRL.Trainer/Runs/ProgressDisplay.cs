using System.Globalization;
using Spectre.Console;

namespace ToolRL.Trainer.Runs;

/// <summary>One unit of long work whose progress is shown.</summary>
public interface IProgressTask
{
    /// <summary>Advances by <paramref name="amount"/> and optionally replaces the status text.</summary>
    void Advance(double amount = 1, string? status = null);
}

/// <summary>
/// Progress bars on an interactive terminal (Spectre.Console), plain lines when output is redirected or the
/// terminal is not interactive — a CI log then gets readable "[name] 3/10 (30%) status" lines, not escape codes.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly TextWriter? _plain;
    private readonly int _plainEveryPercent;

    private ProgressDisplay(TextWriter? plain, int plainEveryPercent)
    {
        _plain = plain;
        _plainEveryPercent = plainEveryPercent;
    }

    /// <summary>Bars when stdout is an interactive terminal, plain lines otherwise.</summary>
    public static ProgressDisplay ForConsole() =>
        Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
            ? new ProgressDisplay(Console.Out, 10)
            : new ProgressDisplay(null, 0);

    /// <summary>Plain lines to <paramref name="writer"/>, one at least every <paramref name="everyPercent"/>% (and at the end).</summary>
    public static ProgressDisplay Plain(TextWriter writer, int everyPercent = 10) => new(writer, Math.Clamp(everyPercent, 1, 100));

    /// <summary>True when progress is written as plain lines.</summary>
    public bool IsPlain => _plain is not null;

    /// <summary>Runs <paramref name="work"/> with a task of <paramref name="total"/> units named <paramref name="name"/>.</summary>
    public async Task RunAsync(string name, double total, Func<IProgressTask, Task> work)
    {
        if (_plain is not null)
        {
            var task = new PlainTask(_plain, name, total, _plainEveryPercent);
            await work(task).ConfigureAwait(false);
            task.Finish();
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Markup.Escape(name), maxValue: total);
                await work(new BarTask(bar, name)).ConfigureAwait(false);
                bar.Value = bar.MaxValue;
            }).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="RunAsync"/>.</summary>
    public void Run(string name, double total, Action<IProgressTask> work) =>
        RunAsync(name, total, t =>
        {
            work(t);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    private sealed class BarTask(ProgressTask bar, string name) : IProgressTask
    {
        public void Advance(double amount = 1, string? status = null)
        {
            bar.Increment(amount);
            if (status is not null)
                bar.Description = Markup.Escape($"{name} {status}");
        }
    }

    private sealed class PlainTask(TextWriter writer, string name, double total, int everyPercent) : IProgressTask
    {
        private double _done;
        private int _lastBucket; // 0% counts as shown
        private string? _status;

        public void Advance(double amount = 1, string? status = null)
        {
            _done += amount;
            _status = status ?? _status;
            var percent = total > 0 ? (int)(100 * Math.Min(_done, total) / total) : 100;
            var bucket = percent / everyPercent;
            if (bucket > _lastBucket)
            {
                _lastBucket = bucket;
                Write(percent);
            }
        }

        public void Finish()
        {
            if (_lastBucket < 100 / everyPercent)
                Write(100);
        }

        private void Write(int percent) =>
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{name}] {_done:0.##}/{total:0.##} ({percent}%){(_status is null ? "" : " " + _status)}"));
    }
}
