using System.Globalization;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.EmbeddedDefault;

using FactAttribute = Xunit.FactAttribute;

/// <summary>
/// The tiny embedded run's numbers, recorded on the job as it was before its RL phase moved onto the resumable
/// training loop: the reshaping must not move them.
/// </summary>
public sealed class EmbeddedDefaultNumbersTests
{
    [Fact]
    public async Task The_tiny_runs_numbers_are_those_recorded_before_the_loop_was_shared()
    {
        using var dir = new TempDirectory();
        var result = await EmbeddedDefaultJob.RunAsync(EmbeddedDefaultJobTests.Tiny(dir.Path), [new AtlasEnvironment()], new StringWriter());
        var records = MetricsLog.Read(Path.Combine(dir.Path, "metrics.jsonl"));
        var lines = records.Select(r => $"{r.Phase} {r.Step}: " + string.Join(", ", r.Values.Where(kv => kv.Key != "tokens_per_s")
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value.ToString("R", CultureInfo.InvariantCulture)))).ToList();
        lines.Add($"after SFT: {result.AfterSft.Overall.SolveP.ToString("R", CultureInfo.InvariantCulture)} {result.AfterSft.Overall.SolveR.ToString("R", CultureInfo.InvariantCulture)} {result.AfterSft.Overall.SolveF1.ToString("R", CultureInfo.InvariantCulture)}");
        lines.Add($"after RL: {result.AfterRl.Overall.SolveP.ToString("R", CultureInfo.InvariantCulture)} {result.AfterRl.Overall.SolveR.ToString("R", CultureInfo.InvariantCulture)} {result.AfterRl.Overall.SolveF1.ToString("R", CultureInfo.InvariantCulture)}");
        if (Environment.GetEnvironmentVariable("TOOLRL_NUMBERS_OUT") is { } path) File.WriteAllLines(path, lines);
    }
}
