using System.Diagnostics;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Integrations;

/// <summary>
/// The verl glue (integrations/verl, Python standard library only) run by python3's unittest against a live server:
/// an independent client of /v1/score. Skipped, saying so, only where python3 is missing.
/// </summary>
public sealed class PythonGlueTests
{
    [Fact]
    public Task The_verl_reward_glue_passes_its_unittest_against_a_live_server() => RunUnittest("test_toolrl_reward", 8);

    [Fact]
    public Task The_verl_agent_loops_rollout_passes_its_unittest_against_a_live_server() => RunUnittest("test_toolrl_rollout", 12);

    private static async Task RunUnittest(string module, int tests)
    {
        var python = FindPython();
        if (python is null)
        {
            Console.WriteLine($"SKIPPED: python3 is not on PATH, so the verl glue's {module} (integrations/verl) was not run.");
            return;
        }
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0 });
        var folder = Path.Combine(AppContext.BaseDirectory, "integrations", "verl");
        var start = new ProcessStartInfo(python, ["-m", "unittest", "-v", module])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TOOLRL_SERVER_URL"] = server.Address.ToString();
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "python3 did not finish");
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, text);
        Assert.Contains($"Ran {tests} tests", text);
        Assert.Contains("OK", text);
    }

    private static string? FindPython()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "python3");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
