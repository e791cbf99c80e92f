using System.Diagnostics;
using Construction.Tests.Scenarios;
using ToolRL.Construction.Export;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Reporting;
using ToolRL.Construction.Sources;
using ToolRL.Samples.Scenarios.Shop;
using ToolRL.Samples.Scenarios.Travel;

namespace ToolRL.Benchmarks;

/// <summary>
/// Scale benchmark of automated construction: composes, validates and exports (FTRL JSONL + verl parquet) about
/// 100,000 tasks in one streaming pass and prints tasks/s and memory. A single timed run, not a BenchmarkDotNet job:
/// the quantity of interest is sustained throughput and the peak working set over the whole stream.
/// Run: dotnet run -c Release --project bench/ToolRL.Benchmarks -- construction-scale [tasks] [outDir] [samples|geo]
/// Scenarios: the SDK samples (travel, shop, library), or with `geo` the synthetic 400-country world of the construction tests.
/// </summary>
public static class ConstructionScale
{
    public static int Run(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var output = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "toolrl-construction-scale");
        var useSamples = args.Length <= 2 || args[2] != "geo";
        var geo = ScenarioSource.From(new GeoScenario(GeoData.Synthetic(400)));
        ScenarioSource[] scenarios = useSamples
            ? [ScenarioSource.From(TravelScenario.Instance, () => new TravelWorld()), ScenarioSource.From(ShopScenario.Instance, () => new ShopWorld()),
               ScenarioSource.From(ToolRL.Samples.Scenarios.Library.LibraryScenario.Instance)]
            : [geo, ScenarioSource.From(new LibraryScenario())];
        // The samples have few distinct single-hop and multi-hop tasks (their domains are small); the volume comes
        // from parallel compositions. A structure stops early when its domain runs out (see the report).
        var perScenario = useSamples ? total * 11 / 30 : total; // some composed tasks fail validation; Take(total) caps the stream
        var plan = new ConstructionPlan
        {
            Composition = new()
            {
                Seed = 11,
                SingleHop = useSamples ? 60 : perScenario / 50,
                MultiHop = useSamples ? 60 : perScenario / 50,
                ParallelSingleHop = perScenario / 2,
                ParallelMultiHop = perScenario / 2,
                MaxConsecutiveFailures = 300,
            },
        };
        if (!useSamples)
            scenarios = [scenarios[0]];

        // Phase 1: compose only; phase 2: compose + validate (the >= 20,000 tasks/s target); phase 3: + export.
        // Wall time and process CPU time are both reported: on a shared machine the CPU rate is the stable number.
        var (composeOnly, _) = Measure("composed", () =>
        {
            long n = 0;
            foreach (var _ in ConstructionPipeline.Build(scenarios, plan with { Validate = false }, new ConstructionReport()).Take(total))
                n++;
            return n;
        });
        var report = new ConstructionReport();
        Measure("composed+validated", () =>
        {
            long n = 0;
            foreach (var _ in ConstructionPipeline.Build(scenarios, plan, report).Take(total))
                n++;
            return n;
        });
        GC.Collect();
        var gcBefore = GC.CollectionCount(0);
        ExportSummary? summary = null;
        var liveHeap = new List<long>();
        Measure("composed+validated+exported", () =>
        {
            summary = DatasetExporter.ExportAsync(SampleLiveHeap(ConstructionPipeline.Build(scenarios, plan, new ConstructionReport()).Take(total), liveHeap), output, new ToolRL.Tasks.TaskSplit(0.1)).GetAwaiter().GetResult();
            return summary.Train + summary.Test;
        });
        Console.WriteLine($"exported train {summary!.Train}, test {summary.Test}: {string.Join(", ", summary.Files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1024.0 / 1024.0:F1} MiB"))}");
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB; managed heap now {GC.GetTotalMemory(false) / 1024.0 / 1024.0:F0} MiB; " +
                          $"gen0 GCs during export {GC.CollectionCount(0) - gcBefore}, gen2 total {GC.CollectionCount(2)}; allocated in all phases {GC.GetTotalAllocatedBytes() / 1024.0 / 1024.0 / 1024.0:F1} GiB");
        Console.WriteLine("live managed heap during export (full GC every 20,000 tasks), MiB: " + string.Join(" ", liveHeap.Select(b => (b / 1024.0 / 1024.0).ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        _ = composeOnly;
        report.Print(Console.Out);
        return 0;
    }

    /// <summary>Passes items through, recording the live heap (after a full collection) every 20,000 items: flat if streaming holds.</summary>
    private static IEnumerable<T> SampleLiveHeap<T>(IEnumerable<T> items, List<long> samples)
    {
        var n = 0;
        foreach (var item in items)
        {
            if (++n % 20_000 == 0)
                samples.Add(GC.GetTotalMemory(forceFullCollection: true));
            yield return item;
        }
    }

    private static (long Count, double Seconds) Measure(string what, Func<long> run)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = run();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"{what}: {count:N0} tasks, wall {wall:F2} s ({count / wall:N0} tasks/s), process CPU {cpu:F2} s ({count / cpu:N0} tasks per CPU-second)");
        return (count, wall);
    }
}
