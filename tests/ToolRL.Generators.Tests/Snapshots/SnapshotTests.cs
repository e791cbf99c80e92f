using System.Reflection;
using GeneratorTests.Infrastructure;

namespace GeneratorTests.Snapshots;

/// <summary>
/// Pins the generated text of representative specs against checked-in <c>Verified/*.verified.txt</c> files.
/// After an intended change, run with <c>TOOLRL_UPDATE_SNAPSHOTS=1</c> to rewrite them, and review the diff.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void Travel_scenario_and_task_accessors() =>
        Verify("travel", GeneratorHarness.Run(Specs.Travel));

    [Fact]
    public void Facts_only_scenario() =>
        Verify("geo", GeneratorHarness.Run([Specs.Geo], Microsoft.CodeAnalysis.DocumentationMode.Diagnose, ("areas.json", Specs.GeoAreas)));

    [Fact]
    public void Global_namespace_internal_scenario_with_keyword_parameters() =>
        Verify("minimal", GeneratorHarness.Run(Specs.Minimal));

    private static void Verify(string name, GeneratorRun run)
    {
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.NotEmpty(run.Sources);
        // The project folder comes from the build ([CallerFilePath] is path-mapped to /_/ in CI builds).
        var projectDirectory = typeof(SnapshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        var directory = Path.Combine(projectDirectory, "Snapshots", "Verified");
        var update = Environment.GetEnvironmentVariable("TOOLRL_UPDATE_SNAPSHOTS") == "1";
        var missing = new List<string>();
        foreach (var (hintName, text) in run.Sources)
        {
            var path = Path.Combine(directory, $"{name}.{hintName}.verified.txt");
            var actual = text.Replace("\r\n", "\n");
            if (update || !File.Exists(path))
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(path, actual);
                if (!update)
                    missing.Add(path);
                continue;
            }
            var expected = File.ReadAllText(path).Replace("\r\n", "\n");
            Assert.True(expected == actual, $"Generated {hintName} differs from {path}. First difference at char {FirstDifference(expected, actual)}. Rerun with TOOLRL_UPDATE_SNAPSHOTS=1 if the change is intended.");
        }
        var stale = Directory.Exists(directory)
            ? Directory.GetFiles(directory, $"{name}.*.verified.txt").Select(Path.GetFileName).Except(run.Sources.Select(s => $"{name}.{s.HintName}.verified.txt")).ToList()
            : [];
        Assert.True(stale.Count == 0, "Snapshots for sources no longer generated: " + string.Join(", ", stale));
        Assert.True(missing.Count == 0, "New snapshots written (review and commit them): " + string.Join(", ", missing));
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
                return i;
        }
        return length;
    }
}
