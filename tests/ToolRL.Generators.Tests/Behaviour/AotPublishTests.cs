using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GeneratorTests.Behaviour;

/// <summary>
/// The design promises NativeAOT-ready environments: an environment project (Aot/AotProbe: the Runtime, the generator,
/// a facts file, a task) publishes with PublishAot=true with no trim or AOT warning (the repository's
/// TreatWarningsAsErrors makes any IL2xxx/IL3xxx warning fail the publish), and its native binary runs the generated
/// dispatcher, codec, facts implementation and task loader with the expected results.
/// </summary>
public class AotPublishTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string[] Expected =
    [
        "get_capital -> Ok: Tokyo",
        "get_capital -> NoRecord: No record found for get_capital(country=\"Atlantis\").",
        "get_borders -> Ok: [{\"country\":\"Chile\",\"kilometres\":168.5}]",
        "get_distance -> NoRecord: No record found for get_distance(from=\"Lima\", to=\"Tokyo\", unit=\"Miles\", stops=[1,2], factor=1).",
        "get_distance -> InvalidArguments: an error occured when call get_distance: argument 'unit' must be one of \"Kilometres\", \"Miles\"",
        "get_distance -> ToolError: an error occured when call get_distance: argument 'to' holds an unpaired surrogate escape, which is not text",
        "get_distance -> InvalidArguments: an error occured when call get_distance: argument 'factor' must be a finite number that fits in a double",
        "get_longest_border -> Ok: {\"country\":\"Chile\",\"kilometres\":168.5}",
        "aot-geo/GeoTasks.Far [MultiHop] {\"country\":\"Japan\"} => Tokyo | {\"from\":\"Lima\",\"to\":\"Tokyo\",\"unit\":\"Kilometres\",\"stops\":null,\"factor\":1} => 9000.5 => 9000.5",
        "aot-geo/GeoTasks.Neighbour [MultiHop] {\"country\":\"Peru\"} => Chile | {\"country\":\"Chile\"} => Santiago => Santiago",
    ];

    [Fact]
    public void An_environment_project_publishes_with_native_aot_without_warnings_and_its_dispatcher_runs()
    {
        var project = Path.Combine(ProjectDirectory(), "Aot", "AotProbe", "AotProbe.csproj");
        var output = Directory.CreateTempSubdirectory("toolrl-aot-");
        try
        {
            // The referenced Runtime and generator are already built in this configuration (this test project
            // references both), so they are not rebuilt beside a running test session.
            var (code, log) = Run("dotnet", $"publish \"{project}\" -c {Configuration} -r {RuntimeInformation.RuntimeIdentifier} " +
                $"-p:BuildProjectReferences=false -o \"{output.FullName}\" -nologo", TimeSpan.FromMinutes(8));
            Assert.True(code == 0, "publish failed:\n" + log);
            Assert.DoesNotContain("warning IL", log, StringComparison.Ordinal);
            Assert.Contains("Generating native code", log, StringComparison.Ordinal);

            var binary = Path.Combine(output.FullName, OperatingSystem.IsWindows() ? "AotProbe.exe" : "AotProbe");
            var (exit, text) = Run(binary, "", TimeSpan.FromMinutes(1));
            Assert.True(exit == 0, "the native probe failed:\n" + text);
            Assert.Equal(Expected, text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static string ProjectDirectory() =>
        typeof(AotPublishTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;

    private static (int ExitCode, string Output) Run(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
