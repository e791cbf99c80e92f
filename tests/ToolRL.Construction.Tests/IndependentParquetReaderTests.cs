using ToolRL.Tasks;
using System.Diagnostics;
using System.Text.Json;
using Construction.Tests.Scenarios;
using ToolRL.Construction.Export;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Reporting;

namespace Construction.Tests;

/// <summary>
/// Reads the exported parquet with hyparquet under node (tests/ToolRL.Construction.Tests/parquet-reader):
/// a reader that shares no code with Parquet.Net. `.ci/install-fixtures` runs its `npm ci`.
/// </summary>
public sealed class IndependentParquetReaderTests
{
    [Fact]
    public async Task Hyparquet_reads_the_rows_and_fields_that_were_written()
    {
        var reader = ReaderDirectory();
        using var dir = new TempDirectory();
        var plan = new ConstructionPlan { Composition = new() { SingleHop = 10, ParallelSingleHop = 10, MultiHop = 10, ParallelMultiHop = 10 } };
        var items = ConstructionPipeline.Build(TestScenarios.Geo(), [TestScenarios.Geo()], plan, new ConstructionReport()).ToList();
        var summary = await DatasetExporter.ExportAsync(items, dir.Path, new TaskSplit(0.25), rowGroupSize: 16);

        foreach (var (file, count, split) in new[] { ("train.parquet", summary.Train, "train"), ("test.parquet", summary.Test, "test") })
        {
            var path = Path.Combine(dir.Path, file);
            using var doc = JsonDocument.Parse(RunNode(reader, path));
            var root = doc.RootElement;
            Assert.Equal(count, root.GetProperty("metadataRows").GetInt64());
            Assert.Equal(count, root.GetProperty("rows").GetInt64());
            Assert.Equal(["data_source", "prompt", "ability", "reward_model", "extra_info", "agent_name"], root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal([split], root.GetProperty("splits").EnumerateArray().Select(s => s.GetString()));
            Assert.True(root.GetProperty("indexesContiguous").GetBoolean());
            Assert.Equal(["toolrl_agent"], root.GetProperty("agentNames").EnumerateArray().Select(s => s.GetString()));
            Assert.Empty(root.GetProperty("untypedProperties").EnumerateArray());

            var written = new List<VerlRow>();
            await foreach (var row in VerlParquetReader.ReadAsync(path))
                written.Add(row);
            Assert.Equal(written.Select(r => r.ExtraInfo.TaskId), root.GetProperty("taskIds").EnumerateArray().Select(t => t.GetString()));
            var first = root.GetProperty("first");
            var item = items.Single(i => i.Task.Id == written[0].ExtraInfo.TaskId);
            Assert.Equal("toolrl/geo", first.GetProperty("data_source").GetString());
            Assert.Equal("tool-use", first.GetProperty("ability").GetString());
            Assert.Equal("user", first.GetProperty("prompt")[0].GetProperty("role").GetString());
            Assert.Equal(item.Task.Question, first.GetProperty("prompt")[0].GetProperty("content").GetString());
            Assert.Equal("rule", first.GetProperty("reward_model").GetProperty("style").GetString());
            Assert.Equal(item.Task.FinalAnswer, first.GetProperty("reward_model").GetProperty("ground_truth").GetString());
            Assert.Equal(item.Task.Structure.ToString(), first.GetProperty("structure").GetString());
            Assert.Equal(item.Environment, first.GetProperty("environment").GetString());
            Assert.Equal(0.0, first.GetProperty("solve_rate").GetDouble());
            Assert.Equal(item.Task.FinalAnswer, first.GetProperty("gold_answer").GetString());
            Assert.Equal(item.Tools.Select(t => t.Name), first.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
            var gold = first.GetProperty("unsolved_set").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(a => a.GetString()!)).Order().ToList();
            Assert.Equal(item.Task.SubQuestions.Select(q => q.Answer).Order().ToList(), gold);
        }
    }

    private static string ReaderDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ToolRL.Sdk.sln")))
            dir = dir.Parent;
        Assert.True(dir is not null, "Cannot find the repository root (ToolRL.Sdk.sln) above " + AppContext.BaseDirectory);
        var reader = Path.Combine(dir!.FullName, "tests", "ToolRL.Construction.Tests", "parquet-reader");
        Assert.True(Directory.Exists(Path.Combine(reader, "node_modules", "hyparquet")),
            $"The independent parquet reader is not installed: {reader}/node_modules/hyparquet is missing. Run `bash .ci/install-fixtures` (or `npm ci` in {reader}).");
        return reader;
    }

    private static string RunNode(string workingDirectory, string parquetPath)
    {
        var start = new ProcessStartInfo("node", ["read.mjs", parquetPath])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not installed or not on PATH ({e.Message}); the independent parquet reader needs it.");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "node read.mjs did not finish within 60 s");
            Assert.True(process.ExitCode == 0, $"node read.mjs failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Result;
        }
    }
}
