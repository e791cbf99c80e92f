using System.IO.Compression;
using System.Reflection;

namespace ToolRL.Templates.Tests;

/// <summary>
/// The user's journey on a fresh machine: pack the SDK into a local feed, install the template, create a
/// project, build it offline from that feed and the mirror's cache, and run it.
/// </summary>
public sealed class TemplateEndToEndTests
{
    // The repository root is two folders above this test project (tests/Directory.Build.props records the project folder).
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(
        typeof(TemplateEndToEndTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "..", ".."));

    private static readonly string[] PackedProjects =
    [
        "src/Runtime/ToolRL.Runtime/ToolRL.Runtime.csproj",
        "src/Generators/ToolRL.Generators/ToolRL.Generators.csproj",
        "src/Construction/ToolRL.Construction/ToolRL.Construction.csproj",
        "src/Trainer/ToolRL.Trainer/ToolRL.Trainer.csproj",
        "src/Sdk/ToolRL.Sdk/ToolRL.Sdk.csproj",
        "templates/ToolRL.Templates/ToolRL.Templates.csproj",
    ];

    [Fact]
    public void New_project_from_the_template_builds_and_runs()
    {
        var work = Directory.CreateTempSubdirectory("toolrl-e2e-").FullName;
        try
        {
            // A unique prerelease version: the global NuGet cache can never hand back an older build.
            var version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
            var sources = CopySources(Path.Combine(work, "src-copy"));
            foreach (var packed in PackedProjects)
                ProcessRunner.Run(sources, "dotnet", "pack", packed, "-c", "Release", "-o", feed, $"-p:Version={version}");
            Assert.Equal(PackedProjects.Length, Directory.GetFiles(feed, "*.nupkg").Length);
            using (var generators = ZipFile.OpenRead(Path.Combine(feed, $"ToolRL.Generators.{version}.nupkg")))
            {
                var analyzers = generators.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).ToArray();
                Assert.Contains("analyzers/dotnet/cs/ToolRL.Generators.dll", analyzers);
                Assert.Contains("analyzers/dotnet/cs/ToolRL.Generators.CodeFixes.dll", analyzers);
            }

            var hive = Path.Combine(work, "template-hive");
            ProcessRunner.Run(work, "dotnet", "new", "install", Path.Combine(feed, $"ToolRL.Templates.{version}.nupkg"), "--debug:custom-hive", hive);

            var app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="toolrl-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            ProcessRunner.Run(app, "dotnet", "new", "toolrl-env", "-n", "WeatherDesk", "-o", "WeatherDesk", "--ToolRLVersion", version, "--debug:custom-hive", hive);
            var project = Path.Combine(app, "WeatherDesk");
            Assert.Contains($"ToolRL.Sdk/{version}", File.ReadAllText(Path.Combine(project, "WeatherDesk.csproj")));

            ProcessRunner.Run(project, "dotnet", "build", "-c", "Release");
            var describe = ProcessRunner.Run(project, "dotnet", "run", "-c", "Release", "--no-build", "--", "describe");
            Assert.Contains("scenario weather-desk: A travel weather desk", describe);
            Assert.Contains("get_airport_city", describe);
            Assert.Contains("parallel multi-hop 1", describe);

            // A few training steps of the embedded default: the tiny policy, SFT warm start, GRPO, held-out eval.
            // No tokenizer fixture is reachable from here, so this is the fresh-machine (embedded vocabulary) path.
            var train = ProcessRunner.Run(project, "dotnet", "run", "-c", "Release", "--no-build", "--",
                "train", "--sft-steps", "3", "--steps", "1", "--out", "runs/e2e");
            Assert.Contains("held-out after SFT: Solve-P", train);
            Assert.Contains("held-out after RL:  Solve-P", train);
            Assert.True(File.Exists(Path.Combine(project, "runs", "e2e", "report.md")), train);
            Assert.True(File.Exists(Path.Combine(project, "runs", "e2e", "metrics.jsonl")), train);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Copies what packing needs, without bin/obj, so packing never touches the repo's own build outputs.</summary>
    private static string CopySources(string destination)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
        {
            var from = Path.Combine(RepoRoot, file);
            if (File.Exists(from))
                CopyFile(from, Path.Combine(destination, file));
        }
        foreach (var folder in new[] { "src", "templates" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoRoot, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Contains("bin") || parts.Contains("obj"))
                    continue;
                CopyFile(file, Path.Combine(destination, relative));
            }
        }
        return destination;
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
