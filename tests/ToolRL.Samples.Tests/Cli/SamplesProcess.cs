using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ToolRL.Samples.Tests.Cli;

/// <summary>
/// The built samples program as a real child process (<c>dotnet ToolRL.Samples.dll ...</c>), so a test can send it
/// SIGINT as a terminal's Ctrl+C does and read its exit code and both streams.
/// </summary>
internal sealed class SamplesProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    private SamplesProcess(Process process) => _process = process;

    /// <summary>Everything written to stdout so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    /// <summary>Starts the samples program with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static SamplesProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SamplesDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var child = new SamplesProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child._output, true);
        child._process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child._error, false);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the first stdout line <paramref name="match"/> accepts; fails when the process ends first or after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            foreach (var line in _output.ToString().Split('\n'))
                if (match(line.TrimEnd('\r')))
                    return line;
            _waiters.Add((match, seen));
        }
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (first == seen.Task)
            return await seen.Task;
        throw new Xunit.Sdk.XunitException(
            (first == exited ? $"the process ended (exit {_process.ExitCode})" : $"no such line within {timeout.TotalSeconds:F0} s") +
            $" before the expected line.\nstdout:\n{Output}\nstderr:\n{Error}");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        if (kill(_process.Id, 2) != 0)
            throw new InvalidOperationException($"kill -INT {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit (killing the process after <paramref name="timeout"/>) and returns its code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"the process did not end within {timeout.TotalSeconds:F0} s of the interrupt.\nstdout:\n{Output}\nstderr:\n{Error}");
        }
        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void OnLine(string? line, StringBuilder into, bool isOutput)
    {
        if (line is null)
            return;
        lock (into)
        {
            into.Append(line).Append('\n');
            if (!isOutput)
                return;
            foreach (var waiter in _waiters.ToArray())
            {
                if (waiter.Match(line))
                {
                    _waiters.Remove(waiter);
                    waiter.Seen.TrySetResult(line);
                }
            }
        }
    }

    /// <summary>The samples program built beside this test assembly's configuration (samples/ToolRL.Samples/bin/CONFIG/TFM).</summary>
    private static string SamplesDll
    {
        get
        {
            var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (tfm, configuration) = (baseDirectory.Name, baseDirectory.Parent!.Name);
            var root = baseDirectory;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ToolRL.Sdk.sln")))
                root = root.Parent;
            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("repository root not found"),
                "samples", "ToolRL.Samples", "bin", configuration, tfm, "ToolRL.Samples.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("the samples program is not built", dll);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
