using ToolRL.Samples.Catalog;
using ToolRL.Cli;

namespace ToolRL.Samples.Tests.Cli;

/// <summary>The describe command over the real sample catalog (what <c>dotnet run</c> prints).</summary>
public class SamplesDescribeTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ToolRLApp.RunAsync(args, SampleEnvironments.All, output, error).GetAwaiter().GetResult();
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }

    [Fact]
    public void Describe_prints_every_scenario_with_its_tools_and_task_counts()
    {
        var (code, output, error) = Run("describe");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.StartsWith("scenario travel: Trip planning", output);
        Assert.Contains("  get_forecast(city: string, date: string, unit?: \"Celsius\"|\"Fahrenheit\")\n", output);
        Assert.Contains("  place_order(address: {name: string, street: string, city: string, postalCode: string, country: string}, speed: \"Standard\"|\"Express\"|\"Overnight\")\n", output);
        Assert.Contains("  quote_bundle(skus: string[])\n", output);
        foreach (var environment in SampleEnvironments.All)
        {
            Assert.Contains($"scenario {environment.Name}: {environment.Description}\n", output);
            Assert.Matches($@"tasks \({environment.Tasks.Count}\): single-hop \d+, parallel single-hop \d+, multi-hop \d+, parallel multi-hop \d+\n", output);
            Assert.All(environment.Tools, tool => Assert.Contains($"    schema: {tool.ParametersSchema}\n", output));
        }
        var tools = SampleEnvironments.All.Sum(e => e.Tools.Count);
        var tasks = SampleEnvironments.All.Sum(e => e.Tasks.Count);
        Assert.EndsWith($"3 scenarios, {tools} tools, {tasks} tasks.\n", output);
    }

    [Fact]
    public async Task A_task_that_fails_to_load_is_reported_by_name_and_the_others_are_still_described()
    {
        // The library's facts miss this author: its golden call hits the no-record fallback (issue 17 §10).
        var broken = new ToolRL.Environments.ToolEnvironment<ToolRL.Samples.Scenarios.Library.ILibrary>(new BrokenLibrary());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolRLApp.RunAsync(["describe"], [broken], output, error);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("error: scenario 'library': Task 'library/Broken.Nobody': its golden call 0 (get_birth_year) has no matching fact", error.ToString());
        Assert.Contains($"tasks ({ToolRL.Samples.Scenarios.Library.LibraryScenario.Instance.Tasks.Count}): ", output.ToString());
    }

    [Fact]
    public async Task Export_writes_the_hand_written_tasks_and_names_one_that_fails_to_load()
    {
        var broken = new ToolRL.Environments.ToolEnvironment<ToolRL.Samples.Scenarios.Library.ILibrary>(new BrokenLibrary());
        var directory = Path.Combine(Path.GetTempPath(), "toolrl-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await ToolRLApp.RunAsync(["export", "-o", directory, "--per-structure", "0"], [broken], output, error);

            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("error: scenario 'library': Task 'library/Broken.Nobody': its golden call 0 (get_birth_year) has no matching fact", error.ToString());
            var ids = File.ReadLines(Path.Combine(directory, "train.jsonl")).Concat(File.ReadLines(Path.Combine(directory, "test.jsonl")))
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("task_id").GetString()).Order().ToList();
            Assert.Equal(ToolRL.Samples.Scenarios.Library.LibraryScenario.Instance.Tasks.Select(t => t.Id).Order(), ids);
            Assert.Contains("1 failed to load:", output.ToString());
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The generated library scenario with one more task, whose golden call has no fact.</summary>
    private sealed class BrokenLibrary : ToolRL.Environments.IScenario<ToolRL.Samples.Scenarios.Library.ILibrary>
    {
        private static readonly ToolRL.Samples.Scenarios.Library.LibraryScenario Inner = ToolRL.Samples.Scenarios.Library.LibraryScenario.Instance;
        public string Name => Inner.Name;
        public string Description => Inner.Description;
        public IReadOnlyList<ToolRL.Tools.ToolDefinition> Tools => Inner.Tools;
        public IReadOnlyList<ToolRL.Tools.ToolSignature> Signatures => Inner.Signatures;
        public IReadOnlyList<ToolRL.Tools.ToolFact> Facts => Inner.Facts;
        public string Markdown => Inner.Markdown;
        public IReadOnlyList<ToolRL.Tasks.TaskDescriptor<ToolRL.Samples.Scenarios.Library.ILibrary>> Tasks { get; } =
            [.. Inner.Tasks, new("library/Broken.Nobody", "When was Nobody Known born?", [new ToolRL.Tasks.GoldenCallSpec(0, "get_birth_year", [])],
                l => l.GetBirthYear("Nobody Known").ToString(System.Globalization.CultureInfo.InvariantCulture))];
        public ToolRL.Tools.ToolResult Invoke(ToolRL.Samples.Scenarios.Library.ILibrary tools, string toolName, System.Text.Json.JsonElement arguments, CancellationToken cancellationToken) =>
            Inner.Invoke(tools, toolName, arguments, cancellationToken);
        public ToolRL.Samples.Scenarios.Library.ILibrary CreateRecorder(ToolRL.Samples.Scenarios.Library.ILibrary inner, ToolRL.Tasks.GoldenRecorder recorder) => Inner.CreateRecorder(inner, recorder);
        public Func<ToolRL.Samples.Scenarios.Library.ILibrary>? LocalImplementation => Inner.LocalImplementation;
    }

    [Fact]
    public void Markdown_mode_prints_the_generated_page_for_one_scenario()
    {
        var (code, output, _) = Run("describe", "--scenario", "shop", "--markdown");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("# shop\n", output);
        Assert.Contains("## `add_to_cart`", output);
        Assert.Contains("## Tasks", output);
        Assert.DoesNotContain("get_capital", output);
    }

    [Fact]
    public void An_unknown_scenario_lists_the_real_ones()
    {
        var (code, output, error) = Run("describe", "--scenario", "weather");

        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Equal("", output);
        Assert.Equal("error: no scenario named 'weather'; available: travel, shop, library.", error.TrimEnd());
    }
}
