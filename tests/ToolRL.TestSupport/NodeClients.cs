using System.Diagnostics;
using System.Text.Json;

namespace ToolRL.Testing;

/// <summary>
/// Runs the node scripts of tests/ToolRL.Server.Tests/clients with the official npm clients (openai,
/// @modelcontextprotocol/sdk) that <c>.ci/install-fixtures</c> installs, pinned by that folder's lock file, into
/// <c>.cache/server-clients</c>. Tests skip, saying so, only where node is missing; with node but without the
/// packages they fail naming the command that installs them.
/// </summary>
public static class NodeClients
{
    /// <summary>The repository root: the folder above the test assembly that holds ToolRL.Sdk.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Where the installed clients and the scripts run.</summary>
    public static string CacheDirectory => Path.Combine(RepositoryRoot, ".cache", "server-clients");

    /// <summary>The scripts' source folder.</summary>
    public static string ScriptDirectory => Path.Combine(RepositoryRoot, "tests", "ToolRL.Server.Tests", "clients");

    /// <summary>The node executable on PATH, or null.</summary>
    public static string? Node { get; } = FindOnPath("node");

    /// <summary>Why the clients cannot run here (node missing), printed as the skip reason; null when they can.</summary>
    public static string? SkipReason(string what) =>
        Node is null ? $"SKIPPED: node is not on PATH, so {what} (the official npm client) was not run." : null;

    /// <summary>
    /// Runs <paramref name="script"/> (a file in <see cref="ScriptDirectory"/>) with <paramref name="environment"/>
    /// and returns the JSON line it prints last; a non-zero exit fails the test with the script's output.
    /// </summary>
    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment, int timeoutSeconds = 120)
    {
        var node = Node ?? throw new InvalidOperationException("node is not on PATH; check SkipReason first");
        if (!File.Exists(Path.Combine(CacheDirectory, "node_modules", ".lock-hash")))
            throw new InvalidOperationException(
                $"the npm clients are not installed in {CacheDirectory}: run `bash .ci/install-fixtures` (it runs npm ci on tests/ToolRL.Server.Tests/clients/package-lock.json)");
        // The script runs from the cache folder so that its imports resolve to the installed packages; a copy per
        // run keeps parallel tests from writing the same file.
        var copy = Path.Combine(CacheDirectory, $"run-{Guid.NewGuid():N}-{script}");
        File.Copy(Path.Combine(ScriptDirectory, script), copy);
        try
        {
            var start = new ProcessStartInfo(node, [copy])
            {
                WorkingDirectory = CacheDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish in {timeoutSeconds} s: {await error}");
            }
            var stdout = await output;
            var stderr = await error;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"node {script} exited {process.ExitCode}:\n{stderr}\n{stdout}");
            var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                ?? throw new InvalidOperationException($"node {script} printed nothing:\n{stderr}");
            return JsonDocument.Parse(last).RootElement.Clone();
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ToolRL.Sdk.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no ToolRL.Sdk.sln above {AppContext.BaseDirectory}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
