using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Tests.Runs;


public class MetricsAndCheckpointTests
{
    [Fact]
    public void Metrics_round_trip_and_a_torn_last_line_is_dropped()
    {
        using var dir = new TempDirectory();
        var path = dir["metrics.jsonl"];
        using (var log = new MetricsLog(path))
        {
            log.Append(new StepMetrics(1, "train", new Dictionary<string, double> { ["reward"] = 0.25, ["kl"] = double.NaN }));
            log.Append(new StepMetrics(2, "eval", new Dictionary<string, double> { ["solve_f1"] = 41.5 }));
        }
        File.AppendAllText(path, "{\"step\":3,\"pha");  // a write cut short by a kill

        var records = MetricsLog.Read(path);
        Assert.Equal(2, records.Count);
        Assert.Equal(0.25, records[0]["reward"]);
        Assert.True(double.IsNaN(records[0]["kl"]));
        Assert.Equal(("eval", 41.5), (records[1].Phase, records[1]["solve_f1"]));

        using (var log = new MetricsLog(path))
        {
            Assert.Equal(2, log.Count);
            log.Append(new StepMetrics(3, "train", new Dictionary<string, double> { ["reward"] = 1 }));
        }
        Assert.Equal([1, 2, 3], MetricsLog.Read(path).Select(r => r.Step));

        MetricsLog.TruncateTo(path, 1);
        Assert.Equal([1], MetricsLog.Read(path).Select(r => r.Step));
        Assert.Contains("expects 5", Assert.Throws<InvalidDataException>(() => MetricsLog.TruncateTo(path, 5)).Message);
    }

    [Fact]
    public void A_corrupt_middle_line_is_reported_with_its_number()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["m.jsonl"], "{\"step\":1,\"phase\":\"train\"}\nnot json\n{\"step\":3,\"phase\":\"train\"}\n");
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => MetricsLog.Read(dir["m.jsonl"])).Message);
    }

    [Fact]
    public void Checkpoints_are_complete_or_absent_and_old_ones_are_pruned()
    {
        using var dir = new TempDirectory();
        var store = new RunCheckpointStore(dir.Path);
        Assert.Null(store.Latest());

        for (var step = 1; step <= 3; step++)
            store.Save(new TrainingState { Step = step, DataCursor = step * 10 }, d => File.WriteAllText(Path.Combine(d, "model.bin"), $"w{step}"), keep: 2);
        Assert.Equal([2, 3], store.Complete().Select(c => c.Step));
        var latest = store.Latest()!.Value;
        Assert.Equal((3, 30L), (latest.State.Step, latest.State.DataCursor));
        Assert.Equal("w3", File.ReadAllText(Path.Combine(latest.Path, "model.bin")));

        // A write that dies half-way leaves no step folder behind and the previous checkpoint intact.
        Assert.Throws<IOException>(() => store.Save(new TrainingState { Step = 4 }, _ => throw new IOException("disk full")));
        Assert.Equal(3, store.Latest()!.Value.State.Step);

        // A kill during the write leaves a temp folder: ignored by Latest, removed on resume.
        Directory.CreateDirectory(Path.Combine(store.Root, ".tmp-step-000005-dead"));
        File.WriteAllText(Path.Combine(store.Root, ".tmp-step-000005-dead", "model.bin"), "partial");
        Assert.Equal(3, store.Latest()!.Value.State.Step);
        Assert.Equal(1, store.RemoveIncomplete());

        // A step folder without its state file (never produced by Save) is not complete.
        Directory.CreateDirectory(store.PathFor(9));
        Assert.Equal(3, store.Latest()!.Value.State.Step);

        // Re-saving an existing step replaces it.
        store.Save(new TrainingState { Step = 3, DataCursor = 99 }, d => File.WriteAllText(Path.Combine(d, "model.bin"), "again"));
        Assert.Equal(99, store.Latest()!.Value.State.DataCursor);
    }

    [Fact]
    public void TensorBoard_event_file_holds_the_scalars()
    {
        using var dir = new TempDirectory();
        using (var tb = new TensorBoardLog(dir["tb"]))
            tb.Write(new StepMetrics(4, "train", new Dictionary<string, double> { ["reward_mean"] = 0.5 }));
        var file = Assert.Single(Directory.GetFiles(dir["tb"], "events.out.tfevents*", SearchOption.AllDirectories));
        var bytes = File.ReadAllBytes(file);
        Assert.Contains("train/reward_mean", System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Curves_are_png_files_and_the_report_links_them()
    {
        using var dir = new TempDirectory();
        var records = Enumerable.Range(1, 5)
            .Select(s => new StepMetrics(s, "train", new Dictionary<string, double> { ["reward"] = s * 0.1, ["kl"] = s * 0.01 }))
            .ToArray();
        var plots = MetricPlots.SaveCurves(records, "train", dir["plots"]);
        Assert.Equal(["reward", "kl"], plots.Select(p => p.Metric));
        foreach (var (_, path) in plots)
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);

        var report = new RunReport("Run").Section("Metrics").FirstLast(records, "train").Image("reward", plots[0].Path, dir.Path);
        report.Save(dir["report.md"]);
        var text = File.ReadAllText(dir["report.md"]);
        Assert.Contains("| reward | 0.1 | 0.5 |", text);
        Assert.Contains("](plots/train_reward.png)", text);
    }

    [Fact]
    public void The_moving_average_follows_its_definition()
    {
        // s0 = y0, st = w*s(t-1) + (1-w)*yt, worked by hand for w = 0.5.
        Assert.Equal([4.0, 2.0, 3.0, 1.5], CurveStyle.Ema([4.0, 0.0, 4.0, 0.0], 0.5));
        Assert.Equal([1.0, 2.0], CurveStyle.Ema([1.0, 2.0], 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CurveStyle.Ema([1.0], 1.0));
    }

    [Fact]
    public void Noisy_and_loss_curves_and_the_held_out_plot_are_written()
    {
        using var dir = new TempDirectory();
        var rl = Enumerable.Range(1, 20)
            .Select(s => new StepMetrics(s, "rl", new Dictionary<string, double> { ["reward"] = s % 2 == 0 ? 0.3 : 0.0 }));
        var sft = Enumerable.Range(1, 50)
            .Select(s => new StepMetrics(s, "sft", new Dictionary<string, double> { ["loss"] = 10 * Math.Pow(0.85, s) }));
        var eval = new[] { 0, 20 }.Select(s => new StepMetrics(s, "eval", new Dictionary<string, double> { ["solve_f1"] = 50 + s / 10.0, ["solve_p"] = 51 }));
        var records = rl.Concat(sft).Concat(eval).ToArray();

        var noisy = MetricPlots.SaveCurves(records, "rl", dir["plots"], style: CurveStyle.Noisy);
        var loss = MetricPlots.SaveCurves(records, "sft", dir["plots"], style: CurveStyle.Loss);
        var heldOut = MetricPlots.SaveOverTime(records, "eval", ["solve_p", "solve_r", "solve_f1"], dir["plots/heldout.png"], "held-out");
        var single = MetricPlots.SaveOverTime(records.Where(r => r.Step != 20 || r.Phase != "eval").ToArray(), "eval", ["solve_f1"], dir["plots/one.png"], "one");

        foreach (var path in new[] { noisy[0].Path, loss[0].Path, heldOut! })
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);
        Assert.Null(single); // one evaluation is no curve over time
        Assert.False(File.Exists(dir["plots/one.png"]));
    }

    [Fact]
    public void Plain_progress_writes_lines_instead_of_bars()
    {
        var output = new StringWriter();
        ProgressDisplay.Plain(output, everyPercent: 50).Run("train", 4, t =>
        {
            for (var i = 0; i < 4; i++)
                t.Advance(1, $"reward={i}");
        });
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["[train] 2/4 (50%) reward=1", "[train] 4/4 (100%) reward=3"], lines.Select(l => l.TrimEnd('\r')));
    }
}
