using System.Diagnostics;
using System.Text;

namespace ToolRL.Templates.Tests;

/// <summary>Runs a command and captures its output; a failure message carries the whole log.</summary>
internal static class ProcessRunner
{
    public static string Run(string workingDirectory, string fileName, params string[] arguments) =>
        Run(0, workingDirectory, fileName, arguments);

    /// <summary>Runs the command and fails unless it exits with <paramref name="expectedExit"/>.</summary>
    public static string Run(int expectedExit, string workingDirectory, string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        // A nested `dotnet` must not inherit the test host's MSBuild settings.
        foreach (var key in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "DOTNET_HOST_PATH" })
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var log = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish in 15 minutes:\n{log}");
        }
        process.WaitForExit();
        if (process.ExitCode != expectedExit)
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{log}");
        return log.ToString();
    }
}
