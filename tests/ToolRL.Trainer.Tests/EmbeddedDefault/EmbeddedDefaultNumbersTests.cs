using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;

namespace ToolRL.Trainer.Tests.EmbeddedDefault;

using FactAttribute = Xunit.FactAttribute;

/// <summary>
/// The tiny embedded run's numbers, recorded from the job as it was before its RL phase moved onto the shared
/// resumable loop (metric names then: <c>reward</c>, <c>policy_loss</c>; here under today's names). Reshaping the
/// job must not move them.
/// </summary>
public sealed class EmbeddedDefaultNumbersTests
{
    private static readonly (string Phase, int Step, string Metric, double Value)[] Before =
    [
        ("sft_short", 1, "loss", 6.433578968048096), ("sft_short", 2, "loss", 6.429485321044922), ("sft_short", 3, "loss", 6.374210834503174),
        ("sft", 1, "loss", 6.395655632019043), ("sft", 2, "loss", 6.384325981140137), ("sft", 3, "loss", 6.374186038970947), ("sft", 4, "loss", 6.373817443847656),
        ("eval", 0, "solve_p", 100), ("eval", 0, "solve_r", 0), ("eval", 0, "solve_f1", 0),
        ("rl", 1, "entropy", 6.395257472991943), ("rl", 1, "grad_norm", 1.0515374015085399E-05), ("rl", 1, "kl", 0), ("rl", 1, "pg_loss", 0), ("rl", 1, "reward_mean", 0),
        ("rl", 2, "entropy", 6.395293712615967), ("rl", 2, "grad_norm", 1.0304644092684612E-05), ("rl", 2, "kl", 7.115304470062256E-07), ("rl", 2, "pg_loss", 0), ("rl", 2, "reward_mean", 0),
        ("eval", 2, "solve_p", 100), ("eval", 2, "solve_r", 0), ("eval", 2, "solve_f1", 0),
    ];

    [Fact]
    public async Task The_tiny_runs_numbers_are_those_recorded_before_the_loop_was_shared()
    {
        using var dir = new TempDirectory();
        var result = await EmbeddedDefaultJob.RunAsync(EmbeddedDefaultJobTests.Tiny(dir.Path), [new AtlasEnvironment()], new StringWriter());

        var records = MetricsLog.Read(Path.Combine(dir.Path, "metrics.jsonl"));
        Assert.Equal(Before.Select(b => (b.Phase, b.Step)).Distinct(), records.Select(r => (r.Phase, r.Step)));
        foreach (var (phase, step, metric, value) in Before)
        {
            var actual = records.Single(r => r.Phase == phase && r.Step == step)[metric];
            Assert.True(Math.Abs(actual - value) <= 1e-6 * Math.Max(1, Math.Abs(value)), $"{phase} {step} {metric}: {actual}, before {value}");
        }
        Assert.Equal((100.0, 0.0, 0.0), (result.AfterSft.Overall.SolveP, result.AfterSft.Overall.SolveR, result.AfterSft.Overall.SolveF1));
        Assert.Equal((100.0, 0.0, 0.0), (result.AfterRl.Overall.SolveP, result.AfterRl.Overall.SolveR, result.AfterRl.Overall.SolveF1));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir.Path, "tensorboard"), "events.out.tfevents.*"));
    }
}
