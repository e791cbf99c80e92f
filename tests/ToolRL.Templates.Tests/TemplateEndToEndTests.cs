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
        "src/Server/ToolRL.Server/ToolRL.Server.csproj",
        "src/Cli/ToolRL.Cli/ToolRL.Cli.csproj",
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
            var feed = Path.Combine(work, "feed");
            var sources = CopySources(Path.Combine(work, "src-copy"));
            var hive = Path.Combine(work, "template-hive");
            var app = Path.Combine(work, "app");

            // The README's one command: pack into a local feed, install the template, write the workspace's nuget.config.
            var install = ProcessRunner.Run(sources, "bash", "scripts/install-template.sh", app, "--feed", feed, "--version", version, "--hive", hive);
            Assert.Contains($"dotnet new toolrl-env -n WeatherDesk --ToolRLVersion {version}", install);
            Assert.Equal(PackedProjects.Length, Directory.GetFiles(feed, "*.nupkg").Length);
            using (var generators = ZipFile.OpenRead(Path.Combine(feed, $"ToolRL.Generators.{version}.nupkg")))
            {
                var analyzers = generators.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).ToArray();
                Assert.Contains("analyzers/dotnet/cs/ToolRL.Generators.dll", analyzers);
                Assert.Contains("analyzers/dotnet/cs/ToolRL.Generators.CodeFixes.dll", analyzers);
            }
            Assert.Contains(feed, File.ReadAllText(Path.Combine(app, "nuget.config")));

            ProcessRunner.Run(app, "dotnet", "new", "toolrl-env", "-n", "WeatherDesk", "-o", "WeatherDesk", "--ToolRLVersion", version, "--debug:custom-hive", hive);
            var project = Path.Combine(app, "WeatherDesk");
            Assert.Contains($"ToolRL.Sdk/{version}", File.ReadAllText(Path.Combine(project, "WeatherDesk.csproj")));

            // No -c: the SDK makes Release the default, so the journey's `dotnet run -- train` trains at Release speed.
            var describe = ProcessRunner.Run(project, "dotnet", "run", "--", "describe");
            Assert.Contains("scenario weather-desk: A travel weather desk", describe);
            Assert.Contains("get_airport_city", describe);
            Assert.Contains("parallel multi-hop 1", describe);
            Assert.True(File.Exists(Path.Combine(project, "bin", "Release", "net10.0", "WeatherDesk.dll")), describe);
            Assert.False(Directory.Exists(Path.Combine(project, "bin", "Debug")), describe);

            // The README's scenario example, exactly as printed, compiles in a project of its own (no `using ToolRL;`:
            // the SDK's props add it).
            var readme = Path.Combine(app, "ReadmeExample");
            Directory.CreateDirectory(readme);
            File.WriteAllText(Path.Combine(readme, "ReadmeExample.csproj"), $"""
                <Project Sdk="ToolRL.Sdk/{version}">
                  <PropertyGroup>
                    <OutputType>Library</OutputType>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(readme, "Example.cs"), ReadmeScenarioExample());
            ProcessRunner.Run(readme, "dotnet", "build");

            EnvironmentOnlyProjectHasNoTorchSharp(app, version, hive);

            // A few training steps of the embedded default: the tiny policy, SFT warm start, GRPO, held-out eval.
            // The template commits no vocabulary of its own, so the job takes the Trainer's generic one (never .cache/).
            var train = ProcessRunner.Run(project, "dotnet", "run", "--no-build", "--",
                "train", "--sft-short-steps", "2", "--sft-steps", "3", "--steps", "1", "--out", "runs/e2e");
            Assert.Contains("the Trainer's generic Qwen3 vocabulary", train);
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

    /// <summary>
    /// The README's environment-only project: the template with <c>ToolRLTraining</c> false restores no TorchSharp (nor the
    /// Trainer), describes and exports, and says that <c>train</c> needs the trainer.
    /// </summary>
    private static void EnvironmentOnlyProjectHasNoTorchSharp(string app, string version, string hive)
    {
        ProcessRunner.Run(app, "dotnet", "new", "toolrl-env", "-n", "EnvOnly", "-o", "EnvOnly", "--ToolRLVersion", version, "--debug:custom-hive", hive);
        var project = Path.Combine(app, "EnvOnly");
        var csproj = Path.Combine(project, "EnvOnly.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace(
            "</Project>", "  <PropertyGroup>\n    <ToolRLTraining>false</ToolRLTraining>\n  </PropertyGroup>\n</Project>", StringComparison.Ordinal));

        var describe = ProcessRunner.Run(project, "dotnet", "run", "--", "describe");
        Assert.Contains("get_airport_city", describe);
        var export = ProcessRunner.Run(project, "dotnet", "run", "--no-build", "--", "export", "--per-structure", "1", "-o", "dataset");
        Assert.Contains("exported to", export);
        Assert.True(File.Exists(Path.Combine(project, "dataset", "train.jsonl")), export);
        var train = ProcessRunner.Run(2, project, "dotnet", "run", "--no-build", "--", "train");
        Assert.Contains("'train' is a training command: this project has no trainer", train);

        var assets = File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"));
        Assert.DoesNotContain("TorchSharp", assets, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ToolRL.Trainer", assets, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"ToolRL.Cli/{version}", assets);
        var output = Directory.EnumerateFiles(Path.Combine(project, "bin"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray();
        Assert.Contains("ToolRL.Cli.dll", output);
        Assert.DoesNotContain(output, f => f!.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The README's first C# block (the scenario example), as printed.</summary>
    private static string ReadmeScenarioExample()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        int start = text.IndexOf("```csharp\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no ```csharp block");
        start += "```csharp\n".Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
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
        foreach (var folder in new[] { "src", "templates", "scripts" })
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
